import IncentiveSupport
import IncentiveEngine
import PolicyLanguage

/// One self-contained HTML page (inline CSS and SVG, no network requests) that prints on A4: the
/// enterprise, totals by kind, a bar chart of amounts by rule, every rule with its status, amount,
/// article and explanation, near misses, obligations, and a badge on amounts resting on `seed` or
/// `assumed` numbers.
struct HTMLReport {
    let labels: Labels
    let digest: String

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private var style: String {
        """
        @page { size: A4; margin: 14mm; }
        body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1b1f24; margin: 24px; font-size: 14px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 2px solid #d0d7de; padding-bottom: 4px; }
        .meta { color: #57606a; font-size: 12px; word-break: break-all; }
        .cards { display: flex; gap: 12px; margin: 16px 0; flex-wrap: wrap; }
        .card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 16px; min-width: 140px; }
        .card .label { color: #57606a; font-size: 12px; } .card .value { font-size: 20px; font-weight: 600; }
        table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #d8dee4; padding: 6px 8px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; font-size: 12px; } td.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .status { border-radius: 10px; padding: 1px 8px; font-size: 12px; white-space: nowrap; }
        .eligible { background: #dafbe1; color: #116329; } .ineligible { background: #ffebe9; color: #a40e26; } .undetermined { background: #fff8c5; color: #7d4e00; }
        .badge { background: #fbefff; color: #8250df; border-radius: 4px; font-size: 11px; padding: 0 4px; margin-left: 4px; }
        details { font-size: 12px; color: #424a53; } pre { white-space: pre-wrap; margin: 4px 0; font-size: 11px; }
        .why { font-size: 12px; color: #424a53; } .near { color: #0550ae; font-size: 12px; }
        tr { page-break-inside: avoid; } svg text { font-size: 11px; fill: #1b1f24; }
        @media print { details { display: block; } details > summary { display: none; } body { margin: 0; } }
        """
    }

    func render(_ estimate: Estimate, whatIf: String? = nil) -> String {
        let e = Self.escape
        let title = labels.english ? "Incentive estimate" : "政策兑现测算报告"
        var html = "<!DOCTYPE html>\n<html lang=\"\(labels.english ? "en" : "zh-CN")\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(e(title)) — \(e(estimate.name ?? estimate.creditCode)) \(estimate.year)</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
        html += "<h1>\(e(estimate.name ?? estimate.creditCode))</h1>\n"
        html += "<div class=\"meta\">\(e(labels.enterprise)): \(e(estimate.creditCode)) · \(e(estimate.region)) · \(e(labels.year)): \(estimate.year) · \(e(labels.policySet)): \(e(digest))</div>\n"
        html += totalsCards(estimate)
        html += chart(estimate)
        html += "<h2>\(e(labels.english ? "Rules" : "适用规则"))</h2>\n" + rulesTable(estimate)
        if !estimate.obligations.isEmpty {
            html += "<h2>\(e(labels.obligations))</h2>\n<ul class=\"obligations\">\n"
            for obligation in estimate.obligations {
                html += "<li><code>\(e(obligation.id))</code> \(e(obligation.title)): <strong>\(e(Text.money(obligation.amount, digits: obligation.digits)))</strong>"
                html += obligation.reasons.isEmpty ? "" : " <span class=\"why\">\(e(obligation.reasons.map { $0.text(english: labels.english) }.joined(separator: "; ")))</span>"
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        if let whatIf { html += "<h2>\(e(labels.english ? "What if" : "假设测算"))</h2>\n<pre>\(e(whatIf))</pre>\n" }
        html += "<p class=\"meta\">\(e(labels.english ? "Badge" : "标记")) <span class=\"badge\">seed</span>/<span class=\"badge\">assumed</span>: "
        html += e(labels.english ? "the amount rests on numbers from press reports or on assumptions; check the source before relying on it." : "金额依据报道数值或假设，使用前请核对原文。") + "</p>\n"
        html += "</body>\n</html>\n"
        return html
    }

    private func totalsCards(_ estimate: Estimate) -> String {
        let totals = estimate.totals
        var html = "<div class=\"cards\">\n"
        for kind in [RuleKind.cash, .tax, .voucher] {
            html += "<div class=\"card total-\(kind.rawValue)\"><div class=\"label\">\(Self.escape(labels.kind(kind)))</div>"
            html += "<div class=\"value\">¥\(Text.money(totals[kind] ?? .zero, digits: 2))</div></div>\n"
        }
        return html + "</div>\n"
    }

    /// Horizontal bars, one per paid rule, scaled to the largest; drawn as inline SVG.
    private func chart(_ estimate: Estimate) -> String {
        let paid = estimate.results.filter { $0.status == .eligible && ($0.amount ?? .zero) > .zero }
        guard let largest = paid.compactMap(\.amount).max() else { return "" }
        let rowHeight = 26, labelWidth = 230, barWidth = 360
        var svg = "<h2>\(Self.escape(labels.english ? "Amounts by rule" : "各项金额"))</h2>\n"
        svg += "<svg class=\"chart\" role=\"img\" aria-label=\"\(Self.escape(labels.english ? "amounts by rule" : "各项金额"))\" width=\"\(labelWidth + barWidth + 140)\" height=\"\(paid.count * rowHeight + 8)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (index, result) in paid.enumerated() {
            let amount = result.amount ?? .zero
            let ratio = amount.dividing(largest) ?? .zero
            let width = max(2, (ratio.multiplying(ExactDecimal(barWidth)) ?? .zero).rounded(scale: 0)?.intValue ?? 0)
            let y = index * rowHeight + 4
            let color = result.kind == .tax ? "#0969da" : result.kind == .voucher ? "#bf8700" : "#1a7f37"
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(Self.escape(result.title.count > 16 ? String(result.title.prefix(16)) + "…" : result.title))</text>"
            svg += "<rect class=\"bar\" data-rule=\"\(Self.escape(result.rule))\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(width)\" height=\"18\" fill=\"\(color)\" rx=\"3\"/>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 15)\">¥\(Text.money(amount, digits: result.digits))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func rulesTable(_ estimate: Estimate) -> String {
        let e = Self.escape
        var html = "<table class=\"rules\">\n<thead><tr><th>\(e(labels.rule))</th><th>\(e(labels.title))</th><th>\(e(labels.status))</th><th>\(e(labels.amount))</th><th>\(e(labels.why))</th></tr></thead>\n<tbody>\n"
        for result in estimate.results {
            var amount = "—"
            if result.status == .eligible, let paid = result.amount {
                amount = (result.upperBound ? e(labels.upTo) + " " : "") + Text.money(paid, digits: result.digits)
                if result.provenance >= .seed { amount += "<span class=\"badge\">\(result.provenance.rawValue)</span>" }
            }
            html += "<tr data-rule=\"\(e(result.rule))\"><td><code>\(e(result.rule))</code></td><td>\(e(result.title))"
            if let article = result.explanation.article { html += "<div class=\"why\">\(e(article))</div>" }
            html += "</td><td><span class=\"status \(result.status.rawValue)\">\(e(labels.status(result.status)))</span></td>"
            html += "<td class=\"amount\">\(amount)</td><td><div class=\"why\">\(e(result.reasons.map { $0.text(english: labels.english) }.joined(separator: "; ")))</div>"
            let words = NearMissText(labels: labels)
            for miss in result.nearMisses {
                html += "<div class=\"near\">\(e(labels.english ? "near miss" : "差距")) · \(e(miss.condition)): \(e(words.change(miss)))\(e(words.outcome(miss, digits: result.digits)))</div>"
            }
            html += "<details><summary>\(e(labels.english ? "explanation" : "推导过程"))</summary><pre>\(e(ExplanationRenderer(labels: labels).render(result)))</pre></details>"
            html += "</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
