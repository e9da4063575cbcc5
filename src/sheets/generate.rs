//! A synthetic Viva Goals Explorer export of any number of rows, for the
//! benchmarks and the property tests: a tree of objectives in one quarter
//! under an annual company objective, four key results each with two
//! check-ins whose notes hold commas, quotes, semicolons and line breaks,
//! and a deliverable every so often. Deterministic.

/// The export's header, as Viva Goals writes it.
pub const HEADER: &str = "Id,Title,Team,Creator,Owner,Period,Start Date,End Date,Description,\
\"Aligned To (weight, Objective ID)\",Metric Name,Unit,Target,Object Type,Goal Type,Start,\
Created At,Last Check-in,Progress %,Actual Progress,Status,Last Check-in Note,Score,Checkins,,";

/// An export of about `rows` rows (objectives come with their key results).
pub fn explorer_export(rows: usize) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    let quote = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    let mut written = 0;
    let mut objectives: Vec<(String, String)> = Vec::new();
    let mut id = 1000;
    while written < rows.max(1) {
        id += 1;
        let index = objectives.len();
        // The first objective is the year's; each next one hangs under one
        // made before it, four to a parent.
        let (period, start, end, team, parent) = if index == 0 {
            (
                "FY 2026",
                "2026-01-01",
                "2026-12-31",
                "Org".to_string(),
                String::new(),
            )
        } else {
            let (parent_id, parent_title) = &objectives[(index - 1) / 4];
            let depth = (index as f64).log(4.0).floor() as usize + 1;
            let team = match depth {
                1 => format!("Department {}", index % 7),
                _ => format!("Team {}", index % 31),
            };
            (
                "Q2 2026",
                "2026-04-01",
                "2026-06-30",
                team,
                format!("{parent_title}(weight: 25%, Id: {parent_id})"),
            )
        };
        let title = format!("Objective {index}: grow, \"fast\"; well");
        out.push_str(&format!(
            "{id},{},{team},Ann,\"Ann Lee, Bo Ek\",{period},{start},{end},,{},,,,Objective,Aspirational Goal,,,,40,,On Track,,,\n",
            quote(&title),
            quote(&parent)
        ));
        written += 1;
        objectives.push((id.to_string(), title.clone()));
        let objective_id = id;
        for kr in 0..4 {
            if written >= rows {
                break;
            }
            id += 1;
            let kind = if kr == 3 && index % 5 == 4 {
                "Deliverable"
            } else {
                "Key result"
            };
            let check_ins = [("2026-05-20", 40), ("2026-04-20", 20)]
                .iter()
                .map(|(date, value)| {
                    quote(&format!(
                        "Checkin Date: {date}; User: Ann; Note: on track; \"mostly\",\nsee notes; Metric Name: Progress; Status: On Track; Current Value: {value}; Activity Date: {date} 09:00:00 UTC;"
                    ))
                })
                .collect::<Vec<_>>()
                .join(",");
            out.push_str(&format!(
                "{id},Result {kr} of {index},{team},Ann,Bo Ek,{period},{start},{end},,{},Progress,%,100,{kind},,0,,,40,40,On Track,,,{check_ins}\n",
                quote(&format!("{title}(weight: 25%, Id: {objective_id})")),
            ));
            written += 1;
        }
    }
    out
}
