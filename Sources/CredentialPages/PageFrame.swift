import PageText

/// The shell every page shares: a complete HTML document with inline CSS (no external fetches,
/// so a saved page prints and reads the same offline), its `<html lang>` the page's language.
/// `body` must already be escaped HTML.
///
/// ```swift
/// let html = PageFrame.document(title: "Verify a credential", body: "<h1>…</h1>", language: .dutch)
/// ```
enum PageFrame {
    static func document(title: String, body: String, language: PageLanguage, extraHead: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.tag)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>\(css)</style>\(extraHead)
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
    h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
    .credential{border:1px solid #bbb;border-radius:6px;padding:1rem 1.25rem;margin:1.25rem 0;page-break-inside:avoid;display:grid;grid-template-columns:1fr auto;gap:1rem}
    .credential .qr{text-align:center;font-size:.75rem;word-break:break-all;max-width:11rem}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}dt{font-weight:600}dd{margin:0}
    .muted{color:#555;font-size:.9rem}.did{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all}
    .verdict{font-size:2rem;font-weight:700;padding:.75rem 1rem;border-radius:6px;margin:1rem 0}
    .valid{background:#e3f4e1;color:#14532d}.invalid{background:#fde2e1;color:#7f1d1d}.revoked{background:#fde2e1;color:#7f1d1d}.suspended{background:#fff4d6;color:#713f12}
    .checks{list-style:none;padding:0}.checks li{padding:.3rem 0;border-bottom:1px solid #eee}
    .learner-name{font-size:1.15rem;font-weight:700}.name-checked{color:#14532d}.name-checked::before{content:"✔ ";color:#15803d}
    .name-unchecked{color:#713f12;font-weight:600}.name-unchecked::before{content:"⚠ ";color:#a16207}
    .pass::before{content:"✔ ";color:#15803d}.fail::before{content:"✘ ";color:#b91c1c}.warn::before{content:"⚠ ";color:#a16207}
    textarea{width:100%;min-height:14rem;font-family:ui-monospace,monospace;font-size:.8rem}
    label{display:block;margin:.75rem 0 .25rem;font-weight:600}input[type=text]{width:100%;max-width:30rem}
    button{margin-top:1rem;font-size:1rem;padding:.5rem 1.25rem}.languages{text-align:right;font-size:.9rem}
    @media print{body{margin:0;max-width:none}.noprint{display:none}}
    """
}
