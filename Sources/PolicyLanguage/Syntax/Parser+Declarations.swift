import IncentiveSupport

/// Declarations: facts, policies and what a policy holds (parameters, rules, vetoes, groups,
/// pools, limits, obligations, tests).
extension Parser {
    /// `fact NAME: TYPE per-year|static "中文" "English"`
    mutating func factDeclaration() throws(Diagnostic) -> FactDecl {
        let start = advance().range
        let nameRange = current.range
        let name = try identifier("a fact name", "事实名称")
        try expect(symbol: ":")
        let typeRange = current.range
        let typeName = try dottedName("a fact type", "事实类型")
        guard let type = ValueType.factTypes[typeName] else {
            throw Diagnostic("parse.unknown-type", DiagnosticText("unknown fact type '\(typeName)'", "未知的事实类型 '\(typeName)'"), at: typeRange,
                             help: .didYouMean(Suggestions.closest(to: typeName, among: ValueType.factTypes.keys)))
        }
        let scopeRange = current.range
        let scope = try dottedName("'per-year' or 'static'", "'per-year' 或 'static'")
        guard scope == "per-year" || scope == "static" else {
            throw Diagnostic("parse.unexpected-token", DiagnosticText("expected 'per-year' or 'static', found '\(scope)'",
                                                                        "应为 'per-year' 或 'static'，实际为 '\(scope)'"), at: scopeRange)
        }
        let signed = accept(word: "signed")
        let chinese = try string("the fact's Chinese description", "事实的中文说明")
        let english = try string("the fact's English description", "事实的英文说明")
        _ = nameRange
        return FactDecl(name: name, type: type, perYear: scope == "per-year", signed: signed, chinese: chinese, english: english,
                        range: start.to(previousRange))
    }

    mutating func provenance() throws(Diagnostic) -> Provenance {
        let range = current.range
        let word = try identifier("a provenance (official, secondary, seed, assumed)", "数据来源（official、secondary、seed、assumed）")
        guard let provenance = Provenance(rawValue: word) else {
            throw Diagnostic("parse.unknown-provenance", DiagnosticText("unknown provenance '\(word)'; expected official, secondary, seed or assumed",
                                                                          "未知的数据来源 '\(word)'；应为 official、secondary、seed 或 assumed"), at: range)
        }
        return provenance
    }

    mutating func window() throws(Diagnostic) -> DateWindow {
        let from = try date("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）")
        var until: CivilDate?
        if accept(word: "until") { until = try date("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）") }
        return DateWindow(from: from, until: until)
    }

    mutating func selectors() throws(Diagnostic) -> [MemberSelector] {
        var ranges: [SourceRange] = []
        return try selectors(ranges: &ranges)
    }

    /// Selectors, and the span of each (for diagnostics that point at a misspelt name).
    mutating func selectors(ranges: inout [SourceRange]) throws(Diagnostic) -> [MemberSelector] {
        var result: [MemberSelector] = []
        repeat {
            let start = current.range
            defer { ranges.append(start.to(previousRange)) }
            if accept(word: "tag") {
                result.append(.tag(try dottedName("a tag", "标签")))
            } else if accept(word: "kind") {
                result.append(.kind(try identifier("a rule kind", "规则类别")))
            } else {
                result.append(.rule(try dottedName("a rule id, 'tag X' or 'kind K'", "规则编号、'tag X' 或 'kind K'")))
            }
        } while accept(symbol: ",")
        return result
    }

    mutating func names(_ what: String, _ chinese: String) throws(Diagnostic) -> [String] {
        var ranges: [SourceRange] = []
        return try names(what, chinese, ranges: &ranges)
    }

    mutating func names(_ what: String, _ chinese: String, ranges: inout [SourceRange]) throws(Diagnostic) -> [String] {
        var result: [String] = []
        repeat {
            let start = current.range
            result.append(try dottedName(what, chinese))
            ranges.append(start.to(previousRange))
        } while accept(symbol: ",")
        return result
    }

    /// `NAME ["description"] : EXPR`
    mutating func condition() throws(Diagnostic) -> ConditionDecl {
        let start = current.range
        let name = try identifier("a condition name", "条件名称")
        let description = optionalString()
        try expect(symbol: ":")
        let expr = try expression()
        return ConditionDecl(name: name, description: description, expr: expr, range: start.to(previousRange))
    }

    mutating func rounding() throws(Diagnostic) -> Int? {
        if accept(word: "yuan") { return 0 }
        if accept(word: "fen") { return 2 }
        if accept(word: "none") { return -1 }
        return try integer("'yuan', 'fen', 'none' or a number of digits", "'yuan'、'fen'、'none' 或小数位数")
    }

    mutating func policy() throws(Diagnostic) -> PolicyDecl {
        let start = advance().range
        let id = try dottedName("a policy id", "政策编号")
        let title = try string("the policy's title", "政策的标题")
        var issuer: String?, number: String?, published: CivilDate?, url: String?, region: String?
        var effective = DateWindow.always
        var provenance = Provenance.official
        var params: [ParamDecl] = [], rules: [RuleDecl] = [], vetoes: [VetoDecl] = [], groups: [GroupDecl] = []
        var pools: [PoolDecl] = [], limits: [LimitDecl] = [], obligations: [ObligationDecl] = [], tests: [TestDecl] = []
        let keywords: Set<String> = ["issuer", "number", "published", "url", "region", "effective", "provenance", "param",
                                     "rule", "veto", "group", "pool", "limit", "obligation", "test"]
        try block(keywords: keywords) { (p: inout Parser) throws(Diagnostic) in
            let word = p.advance().identifier!
            switch word {
            case "issuer": issuer = try p.string("the issuer", "发文机关")
            case "number": number = try p.string("the document number (文号)", "文号")
            case "published": published = try p.date("the publication date", "发布日期")
            case "url": url = try p.string("the URL", "网址")
            case "region": region = try p.regionCode()
            case "effective": effective = try p.window()
            case "provenance": provenance = try p.provenance()
            case "param": params.append(try p.param())
            case "rule": rules.append(try p.rule())
            case "veto": vetoes.append(try p.veto())
            case "group": groups.append(try p.group())
            case "pool": pools.append(try p.pool())
            case "limit": limits.append(try p.limit())
            case "obligation": obligations.append(try p.obligation())
            default: tests.append(try p.test())
            }
        }
        guard let region else {
            throw Diagnostic("parse.missing-region", DiagnosticText("policy '\(id)' does not say its region (region 330726)",
                                                                      "政策 '\(id)' 没有写明地区（region 330726）"), at: start)
        }
        return PolicyDecl(id: id, title: title, issuer: issuer, documentNumber: number, published: published, url: url,
                          region: region, effective: effective, provenance: provenance, params: params, rules: rules,
                          vetoes: vetoes, groups: groups, pools: pools, limits: limits, obligations: obligations,
                          tests: tests, range: start.to(previousRange))
    }

    mutating func regionCode() throws(Diagnostic) -> String {
        let range = current.range
        var code: String?
        if case .number(let digits, .none) = current.kind { code = digits }
        if case .string(let text) = current.kind { code = text }
        guard let code, code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
            let found = current.display
            throw Diagnostic("parse.bad-region", DiagnosticText("expected a 6-digit region code, found \(found.english)",
                                                                "应为 6 位行政区划代码，实际为 \(found.chinese)"), at: range)
        }
        advance()
        return code
    }

    /// `param NAME "title" TYPE { from DATE: EXPR [provenance P] ["note"] … }`
    mutating func param() throws(Diagnostic) -> ParamDecl {
        let start = previousRange
        let name = try identifier("a parameter name", "参数名称")
        let title = try string("the parameter's title", "参数的标题")
        let typeRange = current.range
        let typeName = try identifier("the parameter's type", "参数的类型")
        guard let type = ValueType.factTypes[typeName] else {
            throw Diagnostic("parse.unknown-type", DiagnosticText("unknown parameter type '\(typeName)'", "未知的参数类型 '\(typeName)'"), at: typeRange)
        }
        var versions: [ParamVersion] = []
        try block(keywords: ["from"]) { (p: inout Parser) throws(Diagnostic) in
            let versionStart = p.advance().range
            let from = try p.date("the date this value takes effect", "该取值的生效日期")
            try p.expect(symbol: ":")
            let value = try p.expression()
            var provenance = Provenance.official
            var sawProvenance = false
            if p.accept(word: "provenance") {
                provenance = try p.provenance()
                sawProvenance = true
            }
            let note = p.optionalString()
            // Kept even when its provenance is missing, so the checker does not also call the
            // parameter empty.
            versions.append(ParamVersion(from: from, value: value, provenance: provenance, note: note, range: versionStart.to(p.previousRange)))
            if !sawProvenance {
                throw Diagnostic("parse.missing-provenance", DiagnosticText("every parameter value needs its provenance (provenance official|secondary|seed|assumed)",
                                                                              "每个参数取值都要写明数据来源（provenance official|secondary|seed|assumed）"), at: versionStart.to(p.previousRange))
            }
        }
        return ParamDecl(name: name, title: title, type: type, versions: versions, range: start.to(previousRange))
    }

    mutating func rule() throws(Diagnostic) -> RuleDecl {
        let start = previousRange
        let id = try dottedName("a rule id", "规则编号")
        let title = try string("the rule's title", "规则的标题")
        var kind: RuleKind?, tags: [String] = [], article: String?, effective: DateWindow?, version: Expr?
        var lets: [LetDecl] = [], cohort: [ConditionDecl] = [], conditions: [ConditionDecl] = []
        var amount: Expr?, cap: Expr?, floor: Expr?, rounding: Int?, upTo = false, provenance: Provenance?
        let keywords: Set<String> = ["kind", "tag", "article", "effective", "version", "let", "report", "cohort", "when", "amount",
                                     "cap", "floor", "round", "upto", "provenance"]
        try block(keywords: keywords) { (p: inout Parser) throws(Diagnostic) in
            let wordRange = p.current.range
            let word = p.advance().identifier!
            switch word {
            case "kind":
                let name = try p.identifier("a rule kind", "规则类别")
                guard let parsed = RuleKind(rawValue: name) else {
                    let kinds = RuleKind.allCases.map(\.rawValue)
                    throw Diagnostic("parse.unknown-kind", DiagnosticText("unknown rule kind '\(name)'; expected one of \(kinds.joined(separator: ", "))",
                                                                          "未知的规则类别 '\(name)'；应为以下之一：\(kinds.joined(separator: "、"))"), at: p.previousRange)
                }
                kind = parsed
            case "tag": tags += try p.names("a tag", "标签")
            case "article": article = try p.string("the article cited", "引用的条款")
            case "effective": effective = try p.window()
            case "version": version = try p.expression()
            case "let", "report":
                let letStart = p.current.range
                let name = try p.identifier("a name", "名称")
                let description = p.optionalString()
                try p.expect(symbol: "=")
                lets.append(LetDecl(name: name, description: description, expr: try p.expression(), isReported: word == "report",
                                    range: letStart.to(p.previousRange)))
            case "cohort": cohort.append(try p.condition())
            case "when": conditions.append(try p.condition())
            case "amount":
                // A placeholder first: an amount that fails to parse was still written, and the
                // checker should not add "has no amount" to the parse error.
                amount = Expr(.null, wordRange)
                amount = try p.expression()
            case "cap": cap = try p.expression()
            case "floor": floor = try p.expression()
            case "round": rounding = try p.rounding()
            case "upto": upTo = true
            default: provenance = try p.provenance()
            }
        }
        guard let kind else {
            throw Diagnostic("parse.missing-kind", DiagnosticText("rule '\(id)' does not say its kind (kind cash|tax|voucher|qualification|penalty|info)",
                                                                    "规则 '\(id)' 没有写明类别（kind cash|tax|voucher|qualification|penalty|info）"), at: start)
        }
        return RuleDecl(id: id, title: title, kind: kind, tags: tags, article: article, effective: effective, versionDate: version,
                        lets: lets, cohort: cohort, conditions: conditions, amount: amount, cap: cap, floor: floor,
                        roundingDigits: rounding, upTo: upTo, provenance: provenance, range: start.to(previousRange))
    }

    mutating func veto() throws(Diagnostic) -> VetoDecl {
        let start = previousRange
        let id = try dottedName("a veto id", "一票否决编号")
        let title = try string("the veto's title", "一票否决的标题")
        var article: String?, targets: [MemberSelector] = [], conditions: [ConditionDecl] = [], ranges: [SourceRange] = []
        try block(keywords: ["article", "applies", "when"]) { (p: inout Parser) throws(Diagnostic) in
            switch p.advance().identifier! {
            case "article": article = try p.string("the article cited", "引用的条款")
            case "applies": targets += try p.selectors(ranges: &ranges)
            default: conditions.append(try p.condition())
            }
        }
        return VetoDecl(id: id, title: title, article: article, targets: targets, conditions: conditions, targetRanges: ranges, range: start.to(previousRange))
    }

    mutating func group() throws(Diagnostic) -> GroupDecl {
        let start = previousRange
        let id = try dottedName("a group id", "组合编号")
        let title = try string("the group's title", "组合的标题")
        let modeRange = current.range
        let modeName = try identifier("'highest' or 'sum'", "'highest' 或 'sum'")
        guard let mode = StackingMode(rawValue: modeName) else {
            throw Diagnostic("parse.unknown-mode", DiagnosticText("unknown stacking mode '\(modeName)'; expected 'highest' or 'sum'",
                                                                    "未知的叠加方式 '\(modeName)'；应为 'highest' 或 'sum'"), at: modeRange)
        }
        var cap: Expr?, members: [String] = [], ranges: [SourceRange] = []
        try block(keywords: ["cap", "members"]) { (p: inout Parser) throws(Diagnostic) in
            if p.advance().identifier == "cap" { cap = try p.expression() } else { members += try p.names("a rule id", "规则编号", ranges: &ranges) }
        }
        return GroupDecl(id: id, title: title, mode: mode, cap: cap, members: members, memberRanges: ranges, range: start.to(previousRange))
    }

    mutating func pool() throws(Diagnostic) -> PoolDecl {
        let start = previousRange
        let id = try dottedName("a pool id", "资金池编号")
        let title = try string("the pool's title", "资金池的标题")
        var size: Expr?, provenance = Provenance.official, method = PoolMethod.prorata, members: [String] = [], ranges: [SourceRange] = []
        try block(keywords: ["size", "method", "members"]) { (p: inout Parser) throws(Diagnostic) in
            switch p.advance().identifier! {
            case "size":
                size = try p.expression()
                if p.accept(word: "provenance") { provenance = try p.provenance() }
            case "method":
                let name = try p.identifier("'prorata' or 'rank'", "'prorata' 或 'rank'")
                guard let parsed = PoolMethod(rawValue: name) else {
                    throw Diagnostic("parse.unknown-method", DiagnosticText("unknown pool method '\(name)'; expected 'prorata' or 'rank'",
                                                                          "未知的资金池分配方法 '\(name)'；应为 'prorata' 或 'rank'"), at: p.previousRange)
                }
                method = parsed
            default: members += try p.names("a rule id", "规则编号", ranges: &ranges)
            }
        }
        guard let size else { throw Diagnostic("parse.missing-size", DiagnosticText("pool '\(id)' does not say its size", "资金池 '\(id)' 没有写明总额（size）"), at: start) }
        return PoolDecl(id: id, title: title, size: size, provenance: provenance, method: method, members: members, memberRanges: ranges,
                        range: start.to(previousRange))
    }

    mutating func limit() throws(Diagnostic) -> LimitDecl {
        let start = previousRange
        let id = try dottedName("a limit id", "限额编号")
        let title = try string("the limit's title", "限额的标题")
        var cap: Expr?, members: [MemberSelector] = [], ranges: [SourceRange] = []
        try block(keywords: ["cap", "members"]) { (p: inout Parser) throws(Diagnostic) in
            if p.advance().identifier == "cap" { cap = try p.expression() } else { members += try p.selectors(ranges: &ranges) }
        }
        guard let cap else { throw Diagnostic("parse.missing-cap", DiagnosticText("limit '\(id)' does not say its cap", "限额 '\(id)' 没有写明上限（cap）"), at: start) }
        return LimitDecl(id: id, title: title, cap: cap, members: members, memberRanges: ranges, range: start.to(previousRange))
    }

    mutating func obligation() throws(Diagnostic) -> ObligationDecl {
        let start = previousRange
        let id = try dottedName("an obligation id", "义务编号")
        let title = try string("the obligation's title", "义务的标题")
        var article: String?, conditions: [ConditionDecl] = [], amount: Expr?, rounding: Int?
        try block(keywords: ["article", "when", "amount", "round"]) { (p: inout Parser) throws(Diagnostic) in
            switch p.advance().identifier! {
            case "article": article = try p.string("the article cited", "引用的条款")
            case "when": conditions.append(try p.condition())
            case "amount":
                amount = Expr(.null, p.previousRange)
                amount = try p.expression()
            default: rounding = try p.rounding()
            }
        }
        guard let amount else { throw Diagnostic("parse.missing-amount", DiagnosticText("obligation '\(id)' does not say its amount", "义务 '\(id)' 没有写明金额（amount）"), at: start) }
        return ObligationDecl(id: id, title: title, article: article, conditions: conditions, amount: amount, roundingDigits: rounding,
                              range: start.to(previousRange))
    }

    /// `test "name" { year 2020; given fact [of 2019] = EXPR; expect RULE STATUS [AMOUNT] }`
    mutating func test() throws(Diagnostic) -> TestDecl {
        let start = previousRange
        let name = try string("the test's name", "测试的名称")
        var year: Int?, givens: [TestDecl.Given] = [], expectations: [TestDecl.Expectation] = []
        try block(keywords: ["year", "given", "expect"]) { (p: inout Parser) throws(Diagnostic) in
            switch p.advance().identifier! {
            case "year": year = try p.integer("the assessment year", "评估年度")
            case "given":
                let givenStart = p.current.range
                let fact = try p.identifier("a fact name", "事实名称")
                var factYear: Int?
                if p.accept(word: "of") { factYear = try p.integer("a year", "年份") }
                try p.expect(symbol: "=")
                givens.append(TestDecl.Given(fact: fact, year: factYear, value: try p.expression(), range: givenStart.to(p.previousRange)))
            default:
                let expectStart = p.current.range
                let rule = try p.dottedName("a rule id", "规则编号")
                let statusRange = p.current.range
                let status = try p.identifier("eligible, ineligible, undetermined or due", "eligible、ineligible、undetermined 或 due")
                guard ["eligible", "ineligible", "undetermined", "due"].contains(status) else {
                    throw Diagnostic("parse.unknown-status", DiagnosticText("unknown status '\(status)'; expected eligible, ineligible, undetermined or due",
                                                                          "未知的结果 '\(status)'；应为 eligible、ineligible、undetermined 或 due"), at: statusRange)
                }
                var amount: Expr?
                if !p.current.isSymbol("}"), !p.current.isSymbol(";"), !["year", "given", "expect"].contains(p.current.identifier ?? "") {
                    amount = try p.expression()
                }
                expectations.append(TestDecl.Expectation(rule: rule, status: status, amount: amount, range: expectStart.to(p.previousRange)))
            }
        }
        guard let year else { throw Diagnostic("parse.missing-year", DiagnosticText("test \"\(name)\" does not say its year (year 2020)",
                                                                                  "测试 \"\(name)\" 没有写明年度（year 2020）"), at: start) }
        return TestDecl(name: name, year: year, givens: givens, expectations: expectations, range: start.to(previousRange))
    }
}
