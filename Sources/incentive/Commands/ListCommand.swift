import Foundation
import IncentiveEngine
import PolicyLanguage

/// `incentive list [--region R] [--year Y]`: the policies and rules in force, with citations.
enum ListCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: ["region", "year", "policies", "lang"], flags: ["help"])
        let year = try args.year(required: false)
        let region = args.value("region")
        if let region, region.count != 6 || !region.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw Arguments.UsageError("--region '\(region)' is not a 6-digit administrative division code such as 330726", "--region '\(region)' 不是 6 位行政区划代码（如 330726）")
        }
        let loaded = PolicyStore.load(args.value("policies"))
        let set = loaded.policies
        let labels = Labels(lang: Language.english ? "en" : "zh")
        let say = Language.say
        var out = say("policy set ", "政策集 ") + loaded.digest
        var shown = 0
        for (index, policy) in set.policies.enumerated() {
            if let region, !policy.covers(region: region) { continue }
            let rules = set.rules.filter { $0.policy == index && (year.map($0.window.overlaps(year:)) ?? true) }
            let others = set.vetoes.filter { $0.policy == index }.map { ($0.decl.id, $0.decl.title, say("veto", "一票否决")) }
                + set.groups.filter { $0.policy == index }.map { ($0.decl.id, $0.decl.title, say("group ", "组合 ") + $0.decl.mode.rawValue) }
                + set.pools.filter { $0.policy == index }.map { ($0.decl.id, $0.decl.title, say("pool ", "资金池 ") + "\($0.size.formatted(scale: 0)) \($0.decl.method.rawValue)") }
                + set.obligations.filter { $0.policy == index }.map { ($0.decl.id, $0.decl.title, say("obligation", "义务")) }
            if let year, !policy.decl.effective.overlaps(year: year) { continue }
            if rules.isEmpty && others.isEmpty { continue }
            shown += 1
            let decl = policy.decl
            out += "\n\n\(decl.id)  \(decl.title)\n"
            var citation = [decl.issuer, decl.documentNumber, decl.published?.description].compactMap { $0 }.joined(separator: "，")
            if let url = decl.url { citation += citation.isEmpty ? url : "  \(url)" }
            if !citation.isEmpty { out += "  \(citation)\n" }
            let window = "\(decl.effective.from?.description ?? "…") – \(decl.effective.until?.description ?? "…")"
            out += say("  region \(decl.region); in force \(window); provenance \(decl.provenance.rawValue); ",
                       "  地区 \(decl.region)；有效期 \(window)；数据来源 \(labels.provenance(decl.provenance))；") + "\(set.sources[policy.file].name)\n"
            for rule in rules {
                out += "  • \(rule.id)  \(rule.title)  [\(labels.kind(rule.kind))\(rule.decl.upTo ? say(", up to", "，最高") : "")]"
                if let article = rule.decl.article { out += "\n      \(article)" }
                out += "\n"
            }
            for (id, title, what) in others { out += "  • \(id)  \(title)  [\(what)]\n" }
        }
        if shown == 0 {
            out += "\n\n" + say("no policy in force" + (region.map { " for region \($0)" } ?? "") + (year.map { " in \($0)" } ?? ""),
                                 (year.map { "\($0) 年" } ?? "") + (region.map { "地区 \($0) " } ?? "") + "没有适用的政策")
        }
        Console.print(out)
        return 0
    }
}
