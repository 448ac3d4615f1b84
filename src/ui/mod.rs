//! Leptos components. They only wire the domain to the browser layer.

use leptos::prelude::*;

/// The whole widget.
#[component]
pub fn App() -> impl IntoView {
    view! { <main class="kd">"keydoctor"</main> }
}
