namespace DataScrub.Cli.Reporting.Html;

/// <summary>The report's stylesheet, inline so that the file opens offline. The chart palette lives here too: each
/// colour class sets fill (SVG bars), stroke (lines) and background (legend swatches), so a chart and its legend
/// cannot disagree.</summary>
public static class HtmlPageStyle
{
    public const string Css = """
        :root{--error:#c62828;--warning:#e08600;--ok:#2e7d32;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--count:#3b6fb6}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
        header.run{padding:16px 24px;background:var(--soft);border-bottom:1px solid var(--line)}
        main{padding:0 24px 48px;max-width:1280px}
        h1{font-size:22px;margin:0 0 6px}
        h2{font-size:19px;margin:32px 0 8px;padding-top:12px;border-top:3px solid var(--line);word-break:break-all}
        h3{font-size:16px;margin:24px 0 6px}
        h4{font-size:14px;margin:14px 0 4px}
        p{margin:6px 0}
        code,.key{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
        .muted{color:var(--muted)}
        .note{color:var(--muted);font-size:13px}
        table{border-collapse:collapse;margin:6px 0}
        caption{caption-side:top;text-align:left;padding:2px 0}
        td code{white-space:nowrap}
        th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
        th{background:var(--soft);font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        dl.facts{display:flex;flex-wrap:wrap;gap:2px 22px;margin:6px 0}
        dl.facts div{display:flex;gap:6px}
        dl.facts dt{color:var(--muted)}
        dl.facts dd{margin:0;font-weight:600}
        .figures{display:flex;flex-wrap:wrap;gap:4px 36px;align-items:flex-start}
        .figure{max-width:100%}
        .verdict{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;color:#fff}
        .verdict.error{background:var(--error)}.verdict.warning{background:var(--warning)}.verdict.clean{background:var(--ok)}.verdict.unread{background:#6e4a9e}
        .sev-error{color:var(--error);font-weight:600}.sev-warning{color:#a65f00;font-weight:600}
        nav.datasets a{margin-right:12px}
        .filters{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center;margin:6px 0;padding:6px 8px;background:var(--soft);border:1px solid var(--line)}
        .filters label{white-space:nowrap}
        .filters input[type=search]{min-width:220px}
        .filters .group{display:flex;flex-wrap:wrap;gap:2px 10px;align-items:center}
        .scroll{max-height:min(70vh,440px);overflow:auto;border:1px solid var(--line)}
        .scroll table{margin:0;width:100%}
        .scroll th{position:sticky;top:0}
        table.findings td.key{overflow-wrap:anywhere;min-width:10ch;max-width:320px}
        table.findings td.msg{max-width:560px}
        svg.chart{display:block;max-width:100%;height:auto;margin:4px 0}
        svg.chart text{font-size:12px;fill:var(--ink)}
        svg.chart text.tick,svg.chart text.caption{fill:var(--muted);font-size:11px}
        svg.chart text.marked{fill:var(--error);font-weight:600}
        svg.chart .axis{stroke:#8c959f;stroke-width:1}
        svg.chart .grid{stroke:#eaeef2;stroke-width:1}
        svg.chart text.reference{fill:var(--ok);stroke:none;font-size:11px}
        svg.chart line.reference{stroke:var(--ok);stroke-width:1.5;stroke-dasharray:6 4}
        svg.chart .hit{fill:transparent}
        svg.chart g.bar:hover .hit,svg.chart .band:hover{fill:rgba(31,35,40,.07)}
        svg.chart path.line{fill:none;stroke-width:2;pointer-events:none}
        .s-error{fill:var(--error);stroke:var(--error);background:var(--error)}
        .s-warning{fill:var(--warning);stroke:var(--warning);background:var(--warning)}
        .s-clean{fill:#d5dbe1;stroke:#d5dbe1;background:#d5dbe1}
        .s-count{fill:var(--count);stroke:var(--count);background:var(--count)}
        .s-nan{fill:#7b3fb0;stroke:#7b3fb0;background:#7b3fb0}
        .s-inf{fill:#d8437f;stroke:#d8437f;background:#d8437f}
        .s-absent{fill:var(--error);background:var(--error)}
        .s-min{stroke:var(--error);background:var(--error)}
        .s-mean{stroke:var(--count);background:var(--count)}
        .legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;color:var(--muted);margin:0 0 8px}
        .legend i{display:inline-block;width:11px;height:11px;margin-right:5px;vertical-align:-1px;border-radius:2px}
        .side{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
        header.run dl.facts dd{font-weight:400}
        .thumbs{display:flex;flex-wrap:wrap;gap:12px}
        figure.thumb{margin:0;width:168px;border:1px solid var(--line);padding:6px;background:var(--soft)}
        figure.thumb .frame{position:relative;width:154px;height:154px;display:flex;align-items:center;justify-content:center;background:repeating-conic-gradient(#e6e9ec 0 25%,#fff 0 50%) 0 0/16px 16px}
        figure.thumb img{width:154px;height:154px;object-fit:contain;image-rendering:pixelated}
        figure.thumb figcaption{font-size:12px;margin-top:4px}
        figure.thumb figcaption .key{word-break:break-all}
        details{margin:6px 0}
        summary{cursor:pointer;color:var(--muted)}
        pre{background:var(--soft);border:1px solid var(--line);padding:8px;overflow:auto;max-height:320px;font-size:12px}
        """;
}
