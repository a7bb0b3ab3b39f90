import IncentiveSupport

/// Checks parsed policy files as one set: names, types and units, parameter versions, ids, and
/// the references between rules, vetoes, groups, pools and limits. It reports every error it
/// finds; it yields a `CheckedPolicySet` only when there are none.
public struct Checker {
    let sources: [SourceFile]
    let trees: [SyntaxTree]
    var diagnostics: [Diagnostic] = []
    var facts: [String: FactDecl] = [:]
    var factOrder: [FactDecl] = []

    public init(sources: [SourceFile], trees: [SyntaxTree]) {
        self.sources = sources
        self.trees = trees
    }

    /// The checked set, or every diagnostic found (sorted by file and position).
    public mutating func check() -> (set: CheckedPolicySet?, diagnostics: [Diagnostic]) {
        declareFacts()
        var policies: [CheckedPolicy] = []
        var policyDecls: [(PolicyDecl, Int)] = []
        for (file, tree) in trees.enumerated() {
            for policy in tree.policies { policyDecls.append((policy, file)) }
        }
        for (index, (policy, file)) in policyDecls.enumerated() {
            policies.append(CheckedPolicy(decl: policy, file: file, params: policy.params.map { checkParam($0, policy: policy, index: index) }))
        }
        let ids = collectIDs(policyDecls.map(\.0))
        var rules: [CheckedRule] = []
        for (index, (policy, _)) in policyDecls.enumerated() {
            for rule in policy.rules { rules.append(checkRule(rule, policy: policy, index: index, policies: policies)) }
        }
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var vetoes: [CheckedVeto] = [], groups: [CheckedGroup] = [], pools: [CheckedPool] = []
        var limits: [CheckedLimit] = [], obligations: [CheckedObligation] = [], tests: [CheckedTest] = []
        for (index, (policy, _)) in policyDecls.enumerated() {
            let scope = Scope(policy: index, params: paramTable(policies[index], index: index))
            for veto in policy.vetoes {
                let conditions = veto.conditions.map { checkCondition($0, scope: scope, allowRank: false) }
                vetoes.append(CheckedVeto(decl: veto, policy: index, conditions: conditions,
                                          targets: resolve(veto.targets, rules: rules, index: ruleIndex, at: veto.range, ranges: veto.targetRanges, owner: veto.id)))
            }
            for group in policy.groups {
                let members = resolve(group.members.map(MemberSelector.rule), rules: rules, index: ruleIndex, at: group.range, ranges: group.memberRanges, owner: group.id)
                groups.append(CheckedGroup(decl: group, policy: index, members: members, cap: group.cap.flatMap { constantMoney($0, what: DiagnosticText("group cap", "组合的上限")) }))
            }
            for pool in policy.pools {
                let members = resolve(pool.members.map(MemberSelector.rule), rules: rules, index: ruleIndex, at: pool.range, ranges: pool.memberRanges, owner: pool.id)
                pools.append(CheckedPool(decl: pool, policy: index, size: constantMoney(pool.size, what: DiagnosticText("pool size", "资金池的总额")) ?? .zero, members: members))
            }
            for limit in policy.limits {
                let members = resolve(limit.members, rules: rules, index: ruleIndex, at: limit.range, ranges: limit.memberRanges, owner: limit.id)
                limits.append(CheckedLimit(decl: limit, policy: index, cap: constantMoney(limit.cap, what: DiagnosticText("limit cap", "限额的上限")) ?? .zero, members: members))
            }
            for obligation in policy.obligations {
                var context = ExpressionContext(scope: scope, allowPaid: true)
                let conditions = obligation.conditions.map { checkCondition($0, scope: scope, allowRank: false) }
                let amount = checkExpression(obligation.amount, &context)
                expectMoney(amount, what: DiagnosticText("an obligation's amount", "义务的金额"))
                obligations.append(CheckedObligation(decl: obligation, policy: index, conditions: conditions, amount: amount,
                                                     roundingDigits: normalizedRounding(obligation.roundingDigits, default: 0)))
            }
            for test in policy.tests { tests.append(checkTest(test, policy: index, ruleIDs: ids)) }
        }
        checkGroupMembership(groups, rules: rules)
        checkPoolMembership(pools, rules: rules)
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, Diagnostic.sorted(diagnostics)) }
        return (CheckedPolicySet(sources: sources, facts: factOrder, policies: policies, rules: rules, vetoes: vetoes,
                                         groups: groups, pools: pools, limits: limits, obligations: obligations, tests: tests,
                                         ruleIndex: ruleIndex, factIndex: facts), Diagnostic.sorted(diagnostics))
    }

    /// Warnings found along with a successful check.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Records an error, its message in English and in Chinese.
    mutating func report(_ code: String, _ english: String, _ chinese: String, at range: SourceRange, help: DiagnosticText? = nil) {
        diagnostics.append(Diagnostic(code, DiagnosticText(english, chinese), at: range, help: help))
    }

    private mutating func declareFacts() {
        for tree in trees {
            for fact in tree.facts {
                if let earlier = facts[fact.name] {
                    let (line, _) = sources[earlier.range.file].location(of: earlier.range.start)
                    let place = "\(sources[earlier.range.file].name):\(line)"
                    report("check.duplicate-fact", "fact '\(fact.name)' is already declared at \(place)", "事实 '\(fact.name)' 已在 \(place) 声明", at: fact.range)
                    continue
                }
                facts[fact.name] = fact
                factOrder.append(fact)
            }
        }
    }

    /// Every id (rules, vetoes, groups, pools, limits, obligations) is unique across the set.
    private mutating func collectIDs(_ policies: [PolicyDecl]) -> Set<String> {
        var seen: [String: SourceRange] = [:]
        var policySeen: [String: SourceRange] = [:]
        for policy in policies {
            if let earlier = policySeen[policy.id] {
                report("check.duplicate-id", "policy id '\(policy.id)' is already used at \(place(earlier))",
                       "政策编号 '\(policy.id)' 已在 \(place(earlier)) 使用", at: policy.range)
            }
            policySeen[policy.id] = policy.range
            let entries: [(String, SourceRange)] = policy.rules.map { ($0.id, $0.range) } + policy.vetoes.map { ($0.id, $0.range) }
                + policy.groups.map { ($0.id, $0.range) } + policy.pools.map { ($0.id, $0.range) }
                + policy.limits.map { ($0.id, $0.range) } + policy.obligations.map { ($0.id, $0.range) }
            for (id, range) in entries {
                if let earlier = seen[id] {
                    report("check.duplicate-id", "id '\(id)' is already used at \(place(earlier))", "编号 '\(id)' 已在 \(place(earlier)) 使用", at: range)
                } else {
                    seen[id] = range
                }
            }
        }
        return Set(seen.keys)
    }

    func place(_ range: SourceRange) -> String {
        guard range.file >= 0, range.file < sources.count else { return "?" }
        let (line, column) = sources[range.file].location(of: range.start)
        return "\(sources[range.file].name):\(line):\(column)"
    }

    private mutating func checkParam(_ param: ParamDecl, policy: PolicyDecl, index: Int) -> CheckedParam {
        var versions: [CheckedParam.Version] = []
        if param.versions.isEmpty {
            report("check.empty-param", "parameter '\(param.name)' has no value", "参数 '\(param.name)' 没有取值", at: param.range)
        }
        for version in param.versions {
            if let last = versions.last, version.from <= last.from {
                report("check.version-overlap", "version from \(version.from) of '\(param.name)' does not come after the version from \(last.from)",
                       "'\(param.name)' 自 \(version.from) 起的版本没有排在自 \(last.from) 起的版本之后", at: version.range)
                continue
            }
            var context = ExpressionContext(scope: Scope(policy: index, params: [:]), allowPaid: false)
            let checked = checkExpression(version.value, &context)
            guard let value = constantValue(checked) else {
                report("check.not-constant", "a parameter value must be a constant, found '\(checked.text)'",
                       "参数取值必须是常量，实际为 '\(checked.text)'", at: version.value.range)
                continue
            }
            if !compatible(checked.type, param.type) {
                report("check.type-mismatch", "parameter '\(param.name)' is \(param.type), but this value is \(checked.type)",
                       "参数 '\(param.name)' 的类型是 \(param.type.chinese)，但此取值是 \(checked.type.chinese)", at: version.value.range)
            }
            versions.append(CheckedParam.Version(from: version.from, value: value, provenance: version.provenance, note: version.note))
        }
        if let first = versions.first, let start = policy.effective.from, first.from > start {
            diagnostics.append(Diagnostic("check.version-gap", DiagnosticText("parameter '\(param.name)' has no value from \(start) (the policy's start) until \(first.from)",
                                                                  "参数 '\(param.name)' 在 \(start)（政策生效日）至 \(first.from) 之间没有取值"),
                                          at: param.range, severity: .warning))
        }
        return CheckedParam(decl: param, versions: versions)
    }

    func paramTable(_ policy: CheckedPolicy, index: Int) -> [String: (ParamID, ValueType)] {
        var table: [String: (ParamID, ValueType)] = [:]
        for (position, param) in policy.params.enumerated() {
            table[param.decl.name] = (ParamID(policy: index, index: position), param.decl.type)
        }
        return table
    }

    private mutating func checkRule(_ rule: RuleDecl, policy: PolicyDecl, index: Int, policies: [CheckedPolicy]) -> CheckedRule {
        var scope = Scope(policy: index, params: paramTable(policies[index], index: index))
        var lets: [CheckedLet] = []
        for item in rule.lets {
            var context = ExpressionContext(scope: scope, allowPaid: false, allowRank: true)
            let expr = checkExpression(item.expr, &context)
            if scope.locals[item.name] != nil {
                report("check.duplicate-name", "'\(item.name)' is already defined in this rule", "'\(item.name)' 已在本规则中定义", at: item.range)
            }
            scope.locals[item.name] = (lets.count, expr.type)
            lets.append(CheckedLet(name: item.name, description: item.description, expr: expr, isReported: item.isReported))
        }
        let cohort = rule.cohort.map { checkCondition($0, scope: scope, allowRank: false) }
        let conditions = rule.conditions.map { checkCondition($0, scope: scope, allowRank: true) }
        var seenNames = Set<String>()
        for condition in rule.cohort + rule.conditions where !seenNames.insert(condition.name).inserted {
            report("check.duplicate-name", "condition '\(condition.name)' is already named in this rule", "本规则中已有名为 '\(condition.name)' 的条件", at: condition.range)
        }
        func amountLike(_ expr: Expr?, _ what: DiagnosticText) -> CheckedExpr? {
            guard let expr else { return nil }
            var context = ExpressionContext(scope: scope, allowPaid: false, allowRank: false)
            let checked = checkExpression(expr, &context)
            expectMoney(checked, what: what)
            return checked
        }
        let amount = amountLike(rule.amount, DiagnosticText("a rule's amount", "规则的金额"))
        let cap = amountLike(rule.cap, DiagnosticText("a cap", "上限"))
        let floor = amountLike(rule.floor, DiagnosticText("a floor", "下限"))
        let paysMoney = [.cash, .tax, .voucher].contains(rule.kind)
        if paysMoney, amount == nil {
            report("check.missing-amount", "rule '\(rule.id)' is \(rule.kind.rawValue) but has no amount",
                   "规则 '\(rule.id)' 的类别是 \(rule.kind.rawValue)，却没有金额", at: rule.range)
        }
        if !paysMoney, rule.amount != nil {
            report("check.unexpected-amount", "rule '\(rule.id)' is \(rule.kind.rawValue) and cannot have an amount",
                   "规则 '\(rule.id)' 的类别是 \(rule.kind.rawValue)，不能有金额", at: rule.range)
        }
        var versionContext = ExpressionContext(scope: scope, allowPaid: false)
        let version = rule.versionDate.map { checkExpression($0, &versionContext) }
            ?? CheckedExpr(.call(.date, [CheckedExpr(.assessmentYear, .integer, .none, "Y"),
                                         CheckedExpr(.constant(.number(.one)), .integer, .none, "1"),
                                         CheckedExpr(.constant(.number(.one)), .integer, .none, "1")]), .date, .none, "date(Y, 1, 1)")
        if version.type != .date, version.type != .any {
            report("check.type-mismatch", "a rule's version must be a date, found \(version.type)",
                   "规则的版本必须是日期，实际为 \(version.type.chinese)", at: version.range)
        }
        if Self.readsParameter(version, lets: lets) {
            report("check.version-reads-parameter", "a rule's version cannot read a parameter: the version date is what picks each parameter's value",
                   "规则的版本不能读取参数：正是版本日期决定各参数取哪个值", at: version.range)
        }
        let defaultDigits = rule.kind == .tax ? 2 : 0
        let usesRank = conditions.contains { Self.containsRank($0.expr) } || lets.contains { Self.containsRank($0.expr) }
        let window = DateWindow(from: [rule.effective?.from, policy.effective.from].compactMap { $0 }.max(),
                                until: [rule.effective?.until, policy.effective.until].compactMap { $0 }.min())
        return CheckedRule(decl: rule, policy: index, versionDate: version, lets: lets, cohort: cohort, conditions: conditions,
                           amount: amount, cap: cap, floor: floor,
                           roundingDigits: normalizedRounding(rule.roundingDigits, default: defaultDigits),
                           provenance: rule.provenance ?? policy.provenance, usesRank: usesRank, window: window)
    }

    func normalizedRounding(_ digits: Int?, default defaultDigits: Int) -> Int? {
        guard let digits else { return defaultDigits }
        return digits < 0 ? nil : digits
    }

    mutating func checkCondition(_ condition: ConditionDecl, scope: Scope, allowRank: Bool) -> CheckedCondition {
        var context = ExpressionContext(scope: scope, allowPaid: false, allowRank: allowRank)
        let expr = checkExpression(condition.expr, &context)
        if expr.type != .bool, expr.type != .any {
            report("check.type-mismatch", "condition '\(condition.name)' must be true or false, found \(expr.type)",
                   "条件 '\(condition.name)' 必须为 true 或 false，实际为 \(expr.type.chinese)", at: condition.expr.range)
        }
        return CheckedCondition(name: condition.name, description: condition.description, expr: expr)
    }

    /// An amount, cap or floor must be money (a constant whole number such as `0` is accepted).
    mutating func expectMoney(_ expr: CheckedExpr, what: DiagnosticText) {
        if expr.type != .money, expr.type != .any, expr.type != .integer || constantValue(expr) == nil {
            report("check.unit-mismatch", "\(what.english) must be money, found \(expr.type) ('\(expr.text)')",
                   "\(what.chinese)必须是金额，实际为 \(expr.type.chinese)（'\(expr.text)'）", at: expr.range)
        }
    }

    /// Resolves rule ids and `tag`/`kind` selectors to rule indices, reporting names that match nothing.
    private mutating func resolve(_ selectors: [MemberSelector], rules: [CheckedRule], index: [String: Int], at declaration: SourceRange,
                                  ranges: [SourceRange], owner: String) -> [Int] {
        var result: [Int] = []
        if selectors.isEmpty { report("check.empty-members", "'\(owner)' names no rules", "'\(owner)' 没有列出任何规则", at: declaration) }
        for (position, selector) in selectors.enumerated() {
            let range = position < ranges.count ? ranges[position] : declaration
            let matches: [Int]
            switch selector {
            case .rule(let id):
                matches = index[id].map { [$0] } ?? []
                if matches.isEmpty {
                    report("check.unknown-rule", "'\(owner)' names rule '\(id)', which does not exist", "'\(owner)' 列出的规则 '\(id)' 不存在", at: range,
                           help: .didYouMean(Suggestions.closest(to: id, among: index.keys)))
                }
            case .tag(let tag):
                matches = rules.indices.filter { rules[$0].decl.tags.contains(tag) }
                if matches.isEmpty {
                    report("check.unknown-tag", "'\(owner)' names tag '\(tag)', which no rule has", "没有规则带有 '\(owner)' 列出的标签 '\(tag)'", at: range)
                }
            case .kind(let kind):
                matches = rules.indices.filter { rules[$0].kind.rawValue == kind }
                if matches.isEmpty {
                    report("check.unknown-kind", "'\(owner)' names kind '\(kind)', which no rule has", "没有规则属于 '\(owner)' 列出的类别 '\(kind)'", at: range)
                }
            }
            for match in matches where !result.contains(match) { result.append(match) }
        }
        return result
    }

    private mutating func checkGroupMembership(_ groups: [CheckedGroup], rules: [CheckedRule]) {
        var owner: [Int: String] = [:]
        for group in groups {
            for member in group.members {
                if let other = owner[member] {
                    report("check.rule-in-two-groups", "rule '\(rules[member].id)' is already in group '\(other)'",
                           "规则 '\(rules[member].id)' 已属于组合 '\(other)'", at: group.decl.range)
                }
                owner[member] = group.decl.id
            }
        }
    }

    mutating func constantMoney(_ expr: Expr, what: DiagnosticText) -> ExactDecimal? {
        var context = ExpressionContext(scope: Scope(policy: -1, params: [:]), allowPaid: false)
        let checked = checkExpression(expr, &context)
        guard let value = constantValue(checked)?.number else {
            report("check.not-constant", "a \(what.english) must be a constant amount, found '\(checked.text)'",
                   "\(what.chinese)必须是常量金额，实际为 '\(checked.text)'", at: expr.range)
            return nil
        }
        return value
    }

    static func containsRank(_ expr: CheckedExpr) -> Bool {
        contains(expr) { if case .rank = $0 { true } else { false } }
    }
}

/// What names mean where an expression is checked: the policy's parameters and the rule's lets.
struct Scope {
    var policy: Int
    var params: [String: (ParamID, ValueType)]
    var locals: [String: (Int, ValueType)] = [:]
}
