import Foundation
import Testing

/// The HTML report as a person sees it: self-contained (no network), and, where Chromium is
/// installed, rendered headless with no console errors and with the total, the chart and every
/// rule's row in the page. `.ci/run` installs Chromium; elsewhere the browser test is skipped.
@Suite struct HTMLReportTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func report() throws -> (path: String, html: String) {
        let path = NSTemporaryDirectory() + "incentive-report-\(UUID().uuidString).html"
        let result = try ExamplesTests.run(["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--format", "html", "-o", path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return (path, try String(contentsOfFile: path, encoding: .utf8))
    }

    static let rules = ["cn.hte-qualification", "cn.hte-tax-rate", "cn.rd-super-deduction", "cn.tech-sme-qualification",
                        "pujiang.hte-award", "pujiang.rd-reward", "pujiang.no-rd-downgrade"]

    @Test func theReportIsSelfContained() throws {
        let (path, html) = try Self.report()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(!html.contains("src=\""), "no external images or scripts")
        #expect(!html.contains("<link"), "no external stylesheets")
        #expect(!html.contains("@import"))
        #expect(html.contains("<style>") && html.contains("<svg"))
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("¥2,800,000.00"), "the cash total")
        #expect(html.contains("<span class=\"badge\">assumed</span>"), "pujiang's 40万 rests on an assumed date")
        for rule in Self.rules { #expect(html.contains("<tr data-rule=\"\(rule)\">"), "row for \(rule)") }
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium); browser check skipped"))
    func chromiumRendersItWithoutConsoleErrors() throws {
        let (path, _) = try Self.report()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--dump-dom", "file://\(path)"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!log.contains("CONSOLE("), "console messages: \(log)")
        #expect(dom.contains("¥2,800,000.00") && dom.contains("¥7,250,000.00"), "totals by kind")
        #expect(dom.contains("class=\"bar\""), "the chart's bars")
        for rule in Self.rules { #expect(dom.contains("data-rule=\"\(rule)\""), "row for \(rule)") }
    }
}
