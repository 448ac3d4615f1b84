//! The wall clock and what the page knows about its browser: the time and the user's UTC
//! offset (`Date`), the IANA time zone (`Intl`), and the user agent string. Plain values out;
//! formatting them is `ui::bundle`'s job.

use wasm_bindgen::JsValue;

/// Now, as milliseconds since the Unix epoch and the local offset from UTC in minutes
/// (east positive: Berlin in winter is `60`).
pub fn now_with_offset() -> (f64, i32) {
    let date = js_sys::Date::new_0();
    // `getTimezoneOffset` is UTC minus local time, in minutes.
    (date.get_time(), -(date.get_timezone_offset() as i32))
}

/// The IANA time zone the browser runs in (`Europe/Berlin`), when it says.
pub fn time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|z| !z.is_empty())
}

/// `navigator.userAgent` (empty when unavailable).
pub fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}
