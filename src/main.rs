//! Entry point of the browser build: mounts the app and nothing else, so that
//! everything worth testing lives in the library.

fn main() {
    okr_canvas::start();
}
