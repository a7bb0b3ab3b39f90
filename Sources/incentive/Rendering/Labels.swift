import IncentiveEngine
import PolicyLanguage

/// The words of human-facing output in Chinese (the default) or English. Rule titles stay in the
/// policy's own language.
struct Labels {
    let english: Bool

    init(lang: String) { english = lang == "en" }

    var rule: String { english ? "rule" : "规则" }
    var title: String { english ? "title" : "名称" }
    var status: String { english ? "status" : "结果" }
    var amount: String { english ? "amount (yuan)" : "金额（元）" }
    var why: String { english ? "why" : "依据" }
    var enterprise: String { english ? "Enterprise" : "企业" }
    var year: String { english ? "Assessment year" : "评估年度" }
    var policySet: String { english ? "Policy set" : "政策集" }
    var totals: String { english ? "Totals" : "合计" }
    var obligations: String { english ? "Obligations" : "义务" }
    var upTo: String { english ? "up to" : "最高" }
    var restsOn: String { english ? "rests on" : "依据为" }
    var missing: String { english ? "missing" : "缺少" }

    func status(_ status: RuleOutcome.Status) -> String {
        switch status {
        case .eligible: return english ? "eligible" : "符合"
        case .ineligible: return english ? "ineligible" : "不符合"
        case .undetermined: return english ? "undetermined" : "待定"
        }
    }

    func kind(_ kind: RuleKind) -> String {
        if english { return kind.rawValue }
        switch kind {
        case .cash: return "资金奖励"
        case .tax: return "税收优惠"
        case .voucher: return "创新券"
        case .qualification: return "资格认定"
        case .penalty: return "惩戒"
        case .info: return "信息"
        }
    }

    func provenance(_ provenance: Provenance) -> String {
        if english { return provenance.rawValue }
        switch provenance {
        case .official: return "官方"
        case .secondary: return "转载"
        case .seed: return "报道"
        case .assumed: return "假设"
        }
    }
}
