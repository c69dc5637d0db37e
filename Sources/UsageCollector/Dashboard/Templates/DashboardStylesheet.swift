/// `/assets/dashboard.css`: the only stylesheet (the CSP allows styles from this origin alone). Colours are
/// custom properties with a dark set under `prefers-color-scheme: dark`; chart series and retention heat are
/// classes, so SVG and tables follow the scheme too.
enum DashboardStylesheet {
    static let text = """
        :root {
          --background: #f6f7f9; --surface: #ffffff; --text: #1b1f24; --muted: #4f5661; --border: #d4d8de;
          --accent: #0b5cad; --error: #a4161a; --grid: #e3e6ea; --track: #eceef1;
          --series-0: #0b5cad; --series-1: #c2410c; --series-2: #15803d; --series-3: #7e22ce;
          --series-4: #a16207; --series-5: #be185d; --heat: 11, 92, 173; --heat-text: #ffffff;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --background: #111418; --surface: #1b2027; --text: #e8ebef; --muted: #aab2bd; --border: #343b45;
            --accent: #7cb7ff; --error: #ff8a8a; --grid: #2c333c; --track: #262c34;
            --series-0: #7cb7ff; --series-1: #ffa364; --series-2: #6fdc8c; --series-3: #d3a6ff;
            --series-4: #f5c65b; --series-5: #ff8fc4; --heat: 124, 183, 255; --heat-text: #111418;
          }
        }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 "Liberation Sans", system-ui, sans-serif; background: var(--background);
          color: var(--text); }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
          outline: 3px solid var(--accent); outline-offset: 2px; }
        code, pre { font-family: "Liberation Mono", ui-monospace, monospace; font-size: 13px; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: 0.6rem 1.5rem;
          background: var(--surface); border-bottom: 1px solid var(--border); }
        .brand { font-weight: 700; color: var(--text); text-decoration: none; }
        nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
        nav a { display: block; padding: 0.3rem 0.7rem; border-radius: 6px; text-decoration: none; }
        nav a[aria-current="page"] { background: var(--accent); color: var(--surface); }
        .sign-out { margin-left: auto; }
        main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.6rem; margin: 0.6rem 0 0.2rem; }
        h2 { font-size: 1.15rem; margin: 0 0 0.3rem; }
        .lede, .explain { color: var(--muted); margin-top: 0; }
        .card { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 1rem 1.2rem;
          margin: 1rem 0; }
        .sign-in { max-width: 32rem; margin: 3rem auto; }
        form.range { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0.8rem 0; }
        label { font-weight: 600; }
        .sign-in label { display: block; margin: 0.8rem 0 0.3rem; }
        input, select, textarea, button { font: inherit; color: var(--text); background: var(--surface);
          border: 1px solid var(--border); border-radius: 6px; padding: 0.35rem 0.6rem; }
        .sign-in input { width: 100%; }
        button { background: var(--accent); color: var(--surface); border-color: var(--accent); cursor: pointer;
          font-weight: 600; }
        .sign-in button { margin-top: 0.8rem; }
        .presets a { margin-right: 0.4rem; }
        .error { color: var(--error); font-weight: 600; }
        .notice { color: var(--muted); font-weight: 600; }
        .empty { padding: 1rem; border: 1px dashed var(--border); border-radius: 8px; color: var(--muted); }
        figure { margin: 0; }
        svg.chart { width: 100%; height: auto; display: block; font-size: 12px; }
        svg.chart text { fill: var(--muted); }
        svg.chart .grid { stroke: var(--grid); stroke-width: 1; }
        svg.chart polyline { fill: none; stroke-width: 2.5; }
        svg.chart .track { fill: var(--track); }
        svg.chart .funnel-step text.value { fill: var(--text); font-weight: 600; }
        .series-0 { --series: var(--series-0); } .series-1 { --series: var(--series-1); }
        .series-2 { --series: var(--series-2); } .series-3 { --series: var(--series-3); }
        .series-4 { --series: var(--series-4); } .series-5 { --series: var(--series-5); }
        svg.chart polyline { stroke: var(--series); }
        svg.chart circle, svg.chart .bar rect, svg.chart .legend rect, svg.chart .funnel-step rect:not(.track) {
          fill: var(--series); }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
        caption { text-align: left; color: var(--muted); padding-bottom: 0.3rem; }
        th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid var(--border); text-align: right; }
        th[scope="row"], thead th:first-child { text-align: left; }
        details summary { cursor: pointer; color: var(--accent); font-weight: 600; }
        pre.query { overflow-x: auto; background: var(--background); padding: 0.6rem; border-radius: 6px; }
        table.retention td { text-align: center; }
        .heat-0 { background: transparent; }
        .heat-1 { background: rgba(var(--heat), 0.1); } .heat-2 { background: rgba(var(--heat), 0.2); }
        .heat-3 { background: rgba(var(--heat), 0.3); } .heat-4 { background: rgba(var(--heat), 0.4); }
        .heat-5 { background: rgba(var(--heat), 0.5); }
        .heat-6 { background: rgba(var(--heat), 0.6); color: var(--heat-text); }
        .heat-7 { background: rgba(var(--heat), 0.7); color: var(--heat-text); }
        .heat-8 { background: rgba(var(--heat), 0.8); color: var(--heat-text); }
        .heat-9 { background: rgba(var(--heat), 0.9); color: var(--heat-text); }
        .heat-10 { background: rgb(var(--heat)); color: var(--heat-text); }
        textarea { width: 100%; font-family: "Liberation Mono", ui-monospace, monospace; font-size: 13px; }
        form.inline, form.tile-actions { display: inline-flex; flex-wrap: wrap; gap: 0.3rem; margin: 0; }
        ol.arranged li { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem;
          padding: 0.4rem 0; border-bottom: 1px solid var(--border); }
        button.quiet { background: var(--surface); color: var(--accent); }
        button.danger { background: var(--surface); color: var(--error); border-color: var(--error); }
        button:disabled { opacity: 0.45; cursor: not-allowed; }
        input.position { width: 6.5rem; margin-left: 0.4rem; }
        table.library td, table.library th { text-align: left; }
        a.button { display: inline-block; padding: 0.35rem 0.8rem; border-radius: 6px; background: var(--accent);
          color: var(--surface); font-weight: 600; text-decoration: none; }
        .actions, .flag-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.6rem; }
        .state { display: inline-block; padding: 0 0.5rem; border-radius: 999px; font-size: 0.8rem; font-weight: 700;
          border: 1px solid var(--border); color: var(--muted); vertical-align: middle; }
        .state-on { color: var(--series-2); border-color: var(--series-2); }
        table.flags td, table.flags th, table.variants td, table.variants th, table.form-rows th { text-align: left; }
        table.flags svg.split { width: 200px; margin-top: 0.2rem; }
        table.flags th a, table.flags td.changed, .split-text { white-space: nowrap; }
        .split-text { display: block; color: var(--muted); font-size: 0.85rem; }
        h1 code { font-size: inherit; }
        .projects ul { display: flex; gap: 0.25rem; list-style: none; padding: 0; }
        .projects a { display: block; padding: 0.2rem 0.6rem; border-radius: 6px; text-decoration: none; }
        .projects a[aria-current="true"] { background: var(--accent); color: var(--surface); }
        svg.split .track { fill: var(--track); }
        svg.swatch { width: 10px; height: 10px; fill: var(--series); }
        ol.timeline { list-style: none; padding-left: 1rem; border-left: 3px solid var(--border); }
        ol.timeline > li { margin: 0 0 0.8rem; }
        ol.timeline p { margin: 0; }
        .field { margin: 0.6rem 0; }
        .field label { display: block; }
        .field input:not([type=checkbox]) { width: 100%; max-width: 36rem; }
        .field input[type=checkbox] + label { display: inline; }
        .hint { display: block; color: var(--muted); font-size: 0.85rem; }
        .field-error { display: block; color: var(--error); font-weight: 600; }
        [aria-invalid="true"] { border-color: var(--error); outline: 1px solid var(--error); }
        fieldset { border: 1px solid var(--border); border-radius: 8px; margin: 0.6rem 0; }
        .filter { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.3rem 0; }
        input.percent, .field input.percent { width: 7rem; }
        .form-rows input { width: 100%; }
        form.flag-form:has(#type-boolean:checked) .multivariate-only { display: none; }
        form.flag-form:has(#type-multivariate:checked) .boolean-only { display: none; }
        """
}
