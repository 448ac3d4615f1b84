//! The web app: installs the panic hook and mounts a widget on every `[data-keydoctor]` element
//! (the stand-alone page has one; a host page adds its own).
fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        keydoctor::browser::embed::start();
    }
}
