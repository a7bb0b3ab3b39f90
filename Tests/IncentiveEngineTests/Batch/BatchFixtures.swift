import Foundation
@testable import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import TestSupport

/// The bundled policies and helpers to write batch inputs by hand.
enum BatchFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let policies: CheckedPolicySet = {
        let sources = try! PolicyLoader.sources(inDirectory: root.appendingPathComponent("Policies").path)
        guard case .success(let set) = PolicyLoader.load(sources: sources) else { fatalError("bundled policies do not check") }
        return set
    }()

    /// A valid credit code "91" + region + 9-digit serial + check character.
    static func code(_ serial: Int, region: String = "330521") -> String { CreditCodes.code(serial, region: region) }

    static func read(_ csv: String) -> BatchInput {
        BatchInput.read(csv: CSVReader(bytes: Array(csv.utf8)), policies: policies)
    }

    /// A Deqing enterprise with R&D in 2023 and 2022 (万), counted in R&D statistics both years
    /// unless told otherwise; one CSV line per year.
    static func deqing(_ serial: Int, rd: String, rdBefore: String, counted: String = "true", countedBefore: String = "true") -> String {
        let code = code(serial)
        return "\(code),德清企业\(serial),330521,C34,2010-01-01,2023,\(rd),\(counted)\n" +
            "\(code),德清企业\(serial),330521,C34,2010-01-01,2022,\(rdBefore),\(countedBefore)\n"
    }

    static let deqingHeader = "credit_code,name,region,industry,registered,year,rd_expense,in_rd_statistics\n"

    static func batch(_ csv: String, year: Int = 2023) -> (input: BatchInput, estimates: [String: Estimate], cohort: Cohort) {
        let input = read(csv)
        let batch = BatchEvaluator(policies: policies, year: year)
        let cohort = batch.prepare(input.profiles)
        var estimates: [String: Estimate] = [:]
        for (index, profile) in input.profiles.enumerated() {
            estimates[profile.creditCode] = batch.evaluate(profile, at: index, in: cohort)
        }
        return (input, estimates, cohort)
    }
}
