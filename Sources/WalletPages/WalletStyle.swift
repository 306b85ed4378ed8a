/// The one style sheet of the wallet pages, served as `/static/wallet.css` (the pages' CSP allows
/// styles from the page's own origin only, never inline). Large type and targets, visible focus,
/// and a layout that reflows at 200 % zoom.
///
/// ```swift
/// let css = WalletStyle.css
/// ```
public enum WalletStyle {
    public static let path = "/static/wallet.css"

    public static let css = """
    :root{--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--accent:#0b5cad;--good:#14532d;--goodbg:#e3f4e1;--warn:#713f12;--warnbg:#fff4d6;--bad:#7f1d1d;--badbg:#fde2e1}
    *{box-sizing:border-box}
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;color:var(--ink);margin:0;line-height:1.5}
    .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
    header{background:#f2f5f9;border-bottom:1px solid var(--line);padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center}
    header .app{font-weight:700;font-size:1.2rem;margin-right:auto}
    nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
    nav a{color:var(--accent);font-weight:600;text-decoration:none;padding:.25rem 0}nav a[aria-current=page]{color:var(--ink);border-bottom:3px solid var(--accent)}
    main{max-width:52rem;margin:0 auto;padding:1rem}
    h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
    a{color:var(--accent)}
    :focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
    form.inline{display:inline}
    label{display:block;font-weight:600;margin:1rem 0 .25rem}
    .hint{color:var(--muted);font-size:.95rem;margin:.1rem 0 .25rem}
    input[type=text],input[type=password],select{font-size:1.1rem;padding:.45rem .6rem;border:2px solid #777;border-radius:4px;width:100%;max-width:24rem}
    button,.button{font-size:1.05rem;padding:.55rem 1.2rem;border-radius:4px;border:2px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-block;margin:.5rem .5rem .5rem 0}
    button.secondary,.button.secondary{background:#fff;color:var(--accent)}
    .profiles{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem}
    .profiles a{display:block;border:2px solid var(--line);border-radius:6px;padding:1rem;font-size:1.15rem;font-weight:600;text-decoration:none;color:var(--ink)}
    .profiles a:hover,.profiles a:focus-visible{border-color:var(--accent)}
    .card{border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}
    .card h2{margin-top:0}
    .outcomes{list-style:none;padding:0;margin:.5rem 0}.outcomes li{padding:.6rem 0;border-top:1px solid #eee}
    .state{display:inline-block;font-size:.9rem;font-weight:600;border-radius:3px;padding:0 .4rem;margin-right:.4rem}
    .state.done{background:var(--goodbg);color:var(--good)}.state.todo{background:#eef1f5;color:var(--muted)}.state.waiting{background:var(--warnbg);color:var(--warn)}
    .notice{padding:.75rem 1rem;border-radius:6px;margin:1rem 0;background:var(--goodbg);color:var(--good)}
    .error{padding:.75rem 1rem;border-radius:6px;margin:1rem 0;background:var(--badbg);color:var(--bad);font-weight:600}
    .warning{padding:.75rem 1rem;border-radius:6px;margin:1rem 0;background:var(--warnbg);color:var(--warn)}
    dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.35rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
    .muted{color:var(--muted)}
    .did{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}.learner-name{font-weight:700}
    .name-checked{color:var(--good)}.name-unchecked{color:var(--warn)}
    .language{display:flex;gap:.5rem;align-items:center}.language label{margin:0;font-weight:400}.language select{width:auto}.language button{margin:0;padding:.3rem .7rem;font-size:.95rem}
    .logout button{margin:0;padding:.3rem .9rem;font-size:.95rem}
    @media (max-width:40rem){dl{grid-template-columns:1fr}}
    """
}
