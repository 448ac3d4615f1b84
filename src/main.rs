//! The stand-alone web page: installs the panic hook and mounts the app.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(keydoctor::ui::App);
}
