//! Someone else's canvas shown read-only (a share link, a hosted file): opening it with
//! the person's own canvas kept aside, editing a copy, and going back.

use super::*;

impl AppState {
    /// Shows `document`, someone else's canvas, read-only: the person's own
    /// stays saved and is kept aside until they go back or edit a copy.
    pub fn open_shared(&self, document: Document, source: String, warnings: Vec<String>) {
        if self.canvases.shared_view.with_untracked(Option::is_none) {
            // The person's own canvas is stored before it is put aside.
            self.save_now();
            self.canvases
                .own_document
                .set_value(Some(self.document.get_untracked()));
        }
        let title = document.title.clone();
        self.canvases.shared_view.set(Some(source.clone()));
        self.replace_document(document);
        self.notices.push(
            NoticeKind::Status,
            format!("Opened “{title}” from {source}, read-only."),
            warnings,
            None,
        );
    }

    /// Makes the shared canvas the person's own, editable and saved; their
    /// previous canvas can be put back from the notice.
    pub fn edit_shared_copy(&self) {
        if self.canvases.shared_view.with_untracked(Option::is_none) {
            return;
        }
        let document = self.document.get_untracked();
        let title = document.title.clone();
        if !self.open_as_new_canvas(document) {
            return;
        }
        self.notices.status(format!(
            "“{title}” is now a canvas of yours, saved in this browser. Your other canvases are \
             under Canvases."
        ));
    }

    /// Ends a shared view without opening anything: the person's own canvas
    /// stays stored, and the address no longer names the shared one.
    pub(super) fn leave_shared_state(&self) {
        if self.canvases.shared_view.with_untracked(Option::is_some) {
            self.canvases.own_document.set_value(None);
            self.canvases.shared_view.set(None);
            location::clear_fragment();
        }
    }

    /// Leaves the shared canvas for the person's own.
    pub fn leave_shared_view(&self) {
        let Some(own) = self
            .canvases
            .own_document
            .try_update_value(Option::take)
            .flatten()
        else {
            return;
        };
        self.canvases.shared_view.set(None);
        location::clear_fragment();
        self.replace_document(own);
        // Another tab may have changed or deleted it meanwhile.
        self.catch_up_with_storage();
    }
}
