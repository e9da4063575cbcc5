//! The messages shown over the map: confirmations that fade, errors that stay until
//! dismissed, each with an optional action (Undo, Replace, Export); and the report of a
//! refused file.

use super::*;

/// How long a confirmation stays on screen.
const STATUS_NOTICE_LIFETIME: std::time::Duration = std::time::Duration::from_secs(6);
/// A confirmation that offers an action (Undo, Replace) stays longer.
const ACTION_NOTICE_LIFETIME: std::time::Duration = std::time::Duration::from_secs(20);

impl AppState {
    pub fn notices(&self) -> ReadSignal<Vec<Notice>> {
        self.notices.read_only()
    }

    pub fn report_refused_file(&self, file_name: &str, failure: &ImportFailure) {
        let errors = failure.errors();
        let details = errors
            .iter()
            .take(NOTICE_LISTED_ERRORS)
            .map(|e| e.to_string())
            .collect();
        let report = ImportReport {
            file_name: file_name.to_string(),
            problems: errors
                .iter()
                .map(|e| (e.path.clone(), e.kind.to_string()))
                .collect(),
            unlisted: failure.unlisted(),
        };
        self.push_notice(
            NoticeKind::Error,
            format!("{file_name} was not opened: {}", failure.summary()),
            details,
            Some(NoticeAction::ShowImportErrors(report)),
        );
    }

    pub fn notify_refusal(&self, refusal: &Refusal) {
        self.notify_error(refusal.to_string());
    }

    pub fn notify_error(&self, title: impl Into<String>) {
        self.push_notice(NoticeKind::Error, title.into(), Vec::new(), None);
    }

    /// An error with lines under its title, such as each value of a link
    /// that could not be used.
    pub fn notify_error_with_details(&self, title: impl Into<String>, details: Vec<String>) {
        self.push_notice(NoticeKind::Error, title.into(), details, None);
    }

    pub fn notify_status(&self, title: impl Into<String>) {
        self.push_notice(NoticeKind::Status, title.into(), Vec::new(), None);
    }

    pub fn dismiss(&self, id: u64) {
        // try_update: a late timer may fire after the app is gone.
        self.notices.try_update(|list| list.retain(|n| n.id != id));
    }

    /// Carries out a notice's action.
    pub fn run_notice_action(&self, action: &NoticeAction) {
        match action {
            NoticeAction::MoveHardLink { from, to } => self.move_hard_link(from, to),
            NoticeAction::ExportCanvas => self.export_canvas(),
            NoticeAction::KeepDeletedCanvas => self.keep_this_version(),
            NoticeAction::ShowConflict => self.conflict_open.set(true),
            NoticeAction::RestoreDeletedCanvas { index, entry, text } => {
                self.restore_deleted_canvas(*index, entry, text)
            }
            NoticeAction::ReplaceCanvas { id } => self.replace_canvas(id),
            NoticeAction::ShowImportErrors(report) => self.import_errors.set(Some(report.clone())),
        }
    }

    pub(super) fn push_notice(
        &self,
        kind: NoticeKind,
        title: String,
        details: Vec<String>,
        action: Option<NoticeAction>,
    ) {
        let id = self.next_notice_id.get_value();
        self.next_notice_id.set_value(id + 1);
        let lifetime = match (&kind, &action) {
            (NoticeKind::Status, None) => Some(STATUS_NOTICE_LIFETIME),
            (NoticeKind::Status, Some(_)) => Some(ACTION_NOTICE_LIFETIME),
            _ => None,
        };
        self.notices.update(|list| {
            // Confirmations replace each other; errors stay until dismissed.
            if kind == NoticeKind::Status {
                list.retain(|n| n.kind != NoticeKind::Status);
            }
            list.push(Notice {
                id,
                kind,
                title,
                details,
                action,
            });
        });
        // A confirmation fades on its own, later when it offers an action.
        if let Some(lifetime) = lifetime {
            let state = *self;
            set_timeout(move || state.dismiss(id), lifetime);
        }
    }
}
