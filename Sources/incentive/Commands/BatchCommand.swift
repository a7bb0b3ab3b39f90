import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

/// `incentive batch FILE --year Y`: many enterprises (CSV or JSON Lines) evaluated together, so
/// cohort rankings and budget pools are decided over the whole file. Reading and rendering only:
/// the ranking and pool logic is `BatchEvaluator`'s.
enum BatchCommand {
    static let valued: Set<String> = ["year", "format", "out", "errors", "policies", "record"]
    static let flags: Set<String> = ["long", "help"]
    /// Enterprises evaluated and rendered per block: bounds the rendered text held at once.
    static let block = 4096

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: valued, flags: flags)
        guard args.positional.count == 1 else {
            throw Arguments.UsageError(message: "batch takes one input file (CSV or JSON Lines); found \(args.positional.count)")
        }
        let path = args.positional[0]
        let year = try args.year(required: true)!
        let format = try args.choice("format", of: ["csv", "json", "jsonl"], default: "csv")
        if args.has("long"), format != "csv" { throw Arguments.UsageError(message: "--long applies to --format csv only") }
        let progress = Progress(enabled: isatty(2) != 0)
        let loaded = PolicyStore.load(args.value("policies"))
        let input: BatchInput
        do {
            input = try BatchInput.read(path: path, policies: loaded.policies) { progress.show("read \($0) rows") }
        } catch {
            throw Arguments.UsageError(message: "\(error)")
        }
        for issue in input.issues { Console.error("\(path): \(issue)") }

        let batch = BatchEvaluator(policies: loaded.policies, year: year, explains: format != "csv" || args.has("long"))
        let profiles = input.packed
        progress.show("ranking and pools over \(profiles.count) enterprises")
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
                progress.show("evaluated \(range.upperBound) of \(profiles.count) enterprises")
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
        for pool in cohort.pools {
            Console.error("pool \(pool.id): size \(pool.size.formatted(scale: 0)), demand \(pool.demand.formatted(scale: 0)), paid \(pool.paid.formatted(scale: 0))")
        }
        if let errorsPath = args.value("errors") {
            let errors = try OutputFile(path: errorsPath)
            errors.write(bytes: BatchRenderer.bom)
            errors.write("location,field,value,expected,row_skipped\r\n")
            for issue in input.issues {
                errors.write([issue.location, issue.field, issue.value, issue.expected, issue.fatal ? "true" : "false"].map(BatchRenderer.cell).joined(separator: ",") + "\r\n")
            }
            try errors.commit()
        }
        if !input.issues.isEmpty {
            Console.error("incentive batch: \(input.issues.count) problem\(input.issues.count == 1 ? "" : "s") in \(path); \(profiles.count) enterprises evaluated")
        }
        return input.issues.isEmpty ? 0 : 1
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
