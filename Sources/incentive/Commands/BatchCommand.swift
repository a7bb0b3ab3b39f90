import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

/// `incentive batch FILE --year Y`: many enterprises (CSV or JSON Lines) evaluated together, so
/// cohort rankings and budget pools are decided over the whole file. Reading and rendering only:
/// the ranking and pool logic is `BatchEvaluator`'s.
enum BatchCommand {
    static let valued: Set<String> = ["year", "format", "out", "errors", "policies", "record"]
    static let flags: Set<String> = ["long", "general", "help"]
    /// Enterprises evaluated and rendered per block: bounds the rendered text held at once.
    static let block = 4096

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: valued, flags: flags)
        guard args.positional.count == 1 else {
            throw Arguments.UsageError("batch takes one input file (CSV or JSON Lines); found \(args.positional.count)", "batch 需要一个输入文件（CSV 或 JSON Lines）；实际给出 \(args.positional.count) 个")
        }
        let path = args.positional[0]
        let year = try args.year(required: true)!
        // Read from `source.path`; messages name `path`, as the user gave it.
        let source = try InputSpool(path)
        defer { source.remove() }
        let format = try args.choice("format", of: ["csv", "json", "jsonl"], default: "csv")
        if args.has("long"), format != "csv" { throw Arguments.UsageError("--long applies to --format csv only", "--long 只适用于 --format csv") }
        let progress = Progress(enabled: isatty(2) != 0)
        MemoryTuning.keepFreedMemory()
        let loaded = PolicyStore.load(args.value("policies"))
        if format == "csv", !args.has("long"), !args.has("general"), args.value("record") == nil, let wide = try fastWide(path: source.path, year: year, policies: loaded.policies, progress: progress) {
            return try finishWide(wide, args: args, path: path, progress: progress)
        }
        let input: BatchInput
        do {
            input = try BatchInput.read(path: source.path, policies: loaded.policies) { progress.show(Language.say("read \($0) rows", "已读取 \($0) 行")) }
        } catch {
            throw Arguments.UsageError(message: Console.describe(error))
        }
        for issue in input.issues { Console.error("\(path)\(Language.say(": ", "："))\(issue.text(english: Language.english))") }

        let batch = BatchEvaluator(policies: loaded.policies, year: year, explains: format != "csv" || args.has("long"))
        let profiles = input.packed
        progress.show(Language.say("ranking and pools over \(profiles.count) enterprises", "正在对 \(profiles.count) 家企业排名并分配资金池"))
        let cohort = batch.prepare(profiles)
        if let log = args.value("record") { try BatchRecording.append(profiles, cohort: cohort, year: year, source: path, loaded: loaded, to: log) }
        let renderer = renderer(for: profiles, batch: batch, digest: loaded.digest)
        let out = try OutputFile(path: args.value("out"))
        do {
            var totals = Totals()
            switch format {
            case "csv":
                out.write(bytes: BatchRenderer.bom)
                out.write(args.has("long") ? BatchRenderer.longHeader : renderer.wideHeader())
            case "json":
                out.write("{\"year\":\(year),\"policy_set\":\(JSONWriter.quoted(loaded.digest)),\"enterprises\":[\n")
            default: break
            }
            let long = args.has("long")
            for start in stride(from: 0, to: profiles.count, by: block) {
                let range = start..<min(start + block, profiles.count)
                let parts = Parallel.map(range, chunk: 256) { chunk -> (String, Totals) in
                    var text = "", partial = Totals()
                    for index in chunk {
                        let estimate = batch.evaluate(profiles.profile(at: index), at: index, in: cohort)
                        partial.add(estimate)
                        switch format {
                        case "csv": text += long ? renderer.longRows(estimate) : renderer.wideRow(estimate)
                        case "json": text += (index == 0 ? "" : ",\n") + JSONWriter.compact(renderer.encoder.encode(estimate))
                        default: text += JSONWriter.compact(renderer.encoder.encode(estimate)) + "\n"
                        }
                    }
                    return (text, partial)
                }
                for (text, partial) in parts {
                    out.write(text)
                    totals.merge(partial)
                }
                progress.show(Language.say("evaluated \(range.upperBound) of \(profiles.count) enterprises", "已评估 \(range.upperBound) / \(profiles.count) 家企业"))
            }
            if format == "json" {
                let tail: [(String, JSONValue)] = [
                    ("pools", .array(cohort.pools.map(BatchRenderer.pool))),
                    ("totals", totals.json(enterprises: profiles.count)),
                    ("errors", .array(input.issues.map(BatchRenderer.issue))),
                ]
                out.write("\n]," + tail.map { "\(JSONWriter.quoted($0.0)):\(JSONWriter.compact($0.1))" }.joined(separator: ",\n") + "}\n")
            }
            try out.commit()
        } catch {
            out.abandon()
            throw error
        }
        progress.done()
        return try report(pools: cohort.pools, issues: input.issues, enterprises: profiles.count, args: args, path: path)
    }

    /// The wide CSV through the batch kernel (a GB18030 file through a UTF-8 copy), or nil when
    /// the file needs the general path (rows of an enterprise in disagreement, text that is not
    /// UTF-8 or GB18030); the output is the same either way.
    static func fastWide(path: String, year: Int, policies: CheckedPolicySet, progress: Progress) throws -> KernelBatch.Output? {
        let show: (KernelBatch.Stage) -> Void = { stage in
            switch stage {
            case .read(let rows): progress.show(Language.say("read \(rows) rows", "已读取 \(rows) 行"))
            case .cohort(let count): progress.show(Language.say("ranking and pools over \(count) enterprises", "正在对 \(count) 家企业排名并分配资金池"))
            }
        }
        do {
            let kernel = KernelBatch(policies: policies, year: year)
            if let wide = try kernel.run(path: path, progress: show) { return wide }
            // A GB18030 file (Excel's CSV on a Chinese Windows) is read by the kernel as UTF-8.
            let utf8 = try InputSpool.utf8Copy(of: path) {
                progress.show(Language.say("converting GB18030 to UTF-8", "正在把 GB18030 转为 UTF-8"))
            }
            guard let utf8 else { return nil }
            defer { utf8.remove() }
            return try kernel.run(path: utf8.path, progress: show)
        } catch {
            throw Arguments.UsageError(message: Console.describe(error))
        }
    }

    static func finishWide(_ wide: KernelBatch.Output, args: Arguments, path: String, progress: Progress) throws -> Int32 {
        for issue in wide.issues { Console.error("\(path)\(Language.say(": ", "："))\(issue.text(english: Language.english))") }
        let out = try OutputFile(path: args.value("out"))
        out.write(bytes: BatchRenderer.bom)
        out.write(wide.header)
        wide.writeRows { out.write(bytes: $0) }
        do { try out.commit() } catch { out.abandon(); throw error }
        progress.done()
        return try report(pools: wide.pools, issues: wide.issues, enterprises: wide.enterprises, args: args, path: path)
    }

    /// Pools and problems on stderr, the errors file, and the exit code (1 when a row was bad).
    static func report(pools: [PoolOutcome], issues: [ProfileIssue], enterprises: Int, args: Arguments, path: String) throws -> Int32 {
        for pool in pools {
            let (size, demand, paid) = (pool.size.formatted(scale: 0), pool.demand.formatted(scale: 0), pool.paid.formatted(scale: 0))
            Console.error(Language.say("pool \(pool.id): size \(size), demand \(demand), paid \(paid)", "资金池 \(pool.id)：总额 \(size)，申请 \(demand)，拨付 \(paid)"))
        }
        if let errorsPath = args.value("errors") {
            let errors = try OutputFile(path: errorsPath)
            errors.write(bytes: BatchRenderer.bom)
            errors.write("location,field,value,expected,row_skipped\r\n")
            for issue in issues {
                errors.write([issue.location, issue.field, issue.value, issue.expected, issue.fatal ? "true" : "false"].map(BatchRenderer.cell).joined(separator: ",") + "\r\n")
            }
            do { try errors.commit() } catch { errors.abandon(); throw error }
        }
        if !issues.isEmpty {
            let count = issues.count
            Console.error(Language.say("incentive batch: \(count) problem\(count == 1 ? "" : "s") in \(path); \(enterprises) enterprises evaluated",
                                       "incentive batch：\(path) 有 \(count) 处问题；已评估 \(enterprises) 家企业"))
        }
        return issues.isEmpty ? 0 : 1
    }

    static func renderer(for profiles: PackedProfiles, batch: BatchEvaluator, digest: String) -> BatchRenderer {
        let policies = batch.evaluator.policies
        var inForce = Set<Int>()
        var obligations = Set<Int>()
        for region in Set((0..<profiles.count).map(profiles.region(at:))) {
            inForce.formUnion(batch.evaluator.rulesInForce(region: region, year: batch.year))
            for (index, obligation) in policies.obligations.enumerated() {
                let policy = policies.policies[obligation.policy]
                if policy.covers(region: region), policy.decl.effective.overlaps(year: batch.year) { obligations.insert(index) }
            }
        }
        return BatchRenderer(rules: inForce.sorted().map { (policies.rules[$0].id, policies.rules[$0].kind) },
                             obligations: obligations.sorted().map { policies.obligations[$0].decl.id },
                             encoder: EstimateEncoder(policySetDigest: digest))
    }
}

/// Paid totals over the batch: by kind and by rule.
struct Totals: Sendable {
    var byKind: [RuleKind: ExactDecimal] = [:]
    var byRule: [String: ExactDecimal] = [:]
    var eligible: [String: Int] = [:]

    mutating func add(_ estimate: Estimate) {
        for result in estimate.results where result.status == .eligible {
            eligible[result.rule, default: 0] += 1
            guard let amount = result.amount else { continue }
            byKind[result.kind] = (byKind[result.kind] ?? .zero).adding(amount) ?? .zero
            byRule[result.rule] = (byRule[result.rule] ?? .zero).adding(amount) ?? .zero
        }
    }

    mutating func merge(_ other: Totals) {
        for (kind, amount) in other.byKind { byKind[kind] = (byKind[kind] ?? .zero).adding(amount) ?? .zero }
        for (rule, amount) in other.byRule { byRule[rule] = (byRule[rule] ?? .zero).adding(amount) ?? .zero }
        for (rule, count) in other.eligible { eligible[rule, default: 0] += count }
    }

    func json(enterprises: Int) -> JSONValue {
        .object([
            ("enterprises", .number(String(enterprises))),
            ("cash", .string((byKind[.cash] ?? .zero).formatted(scale: 2))),
            ("tax", .string((byKind[.tax] ?? .zero).formatted(scale: 2))),
            ("voucher", .string((byKind[.voucher] ?? .zero).formatted(scale: 2))),
            ("rules", .object(eligible.keys.sorted().map { rule in
                (rule, .object([("eligible", .number(String(eligible[rule] ?? 0))),
                                ("paid", .string((byRule[rule] ?? .zero).formatted(scale: 2)))]))
            })),
        ])
    }
}

/// A progress line on standard error, rewritten in place, only when it is a terminal.
final class Progress: @unchecked Sendable {
    let enabled: Bool
    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    func done() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
