import Foundation

/// The encodings a CSV from a portal or from Excel arrives in: UTF-8 (with or without a BOM), or
/// GB18030 — what Excel on a Chinese Windows saves as "CSV". Foundation on Linux decodes GB18030
/// through CoreFoundation (kCFStringEncodingGB_18030_2000); the table of two-byte codes that
/// speeds it up (`GB18030Table`) is taken from Foundation, not written out here.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"

    /// `CFStringConvertEncodingToNSStringEncoding(kCFStringEncodingGB_18030_2000)`: 0x0632 with the
    /// CF bit 0x8000_0000. Neither name is visible to a SwiftPM target on Linux (CoreFoundation is
    /// not importable there), so the value is written out; a test checks it round-trips 德清.
    static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Decodes bytes; nil when they are not valid text in this encoding. ASCII takes the fast path.
    public func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        switch self {
        case .utf8: return String(validating: bytes, as: UTF8.self)
        case .gb18030:
            // Two-byte codes through the table taken from Foundation; anything else through Foundation.
            if let utf8 = GB18030Table.utf8(bytes) { return String(decoding: utf8, as: UTF8.self) }
            return String(data: Data(bytes), encoding: Self.foundationGB18030)
        }
    }

    public func encode(_ text: String) -> [UInt8]? {
        switch self {
        case .utf8: return Array(text.utf8)
        case .gb18030: return text.data(using: Self.foundationGB18030).map(Array.init)
        }
    }

    /// Guesses from the first bytes of a file: a UTF-8 BOM or valid UTF-8 (a sequence cut at the
    /// end of the sample is allowed) means UTF-8; anything else GB18030. Pure ASCII is UTF-8,
    /// provisionally (`decided` false): the first non-ASCII text decides.
    public static func sniff(_ sample: ArraySlice<UInt8>) -> (encoding: TextEncoding, bom: Bool, decided: Bool) {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, true, true) }
        guard sample.contains(where: { $0 >= 0x80 }) else { return (.utf8, false, false) }
        var end = sample.endIndex
        // Drop an incomplete multi-byte sequence at the very end of the sample.
        var back = 0
        while back < 3, end > sample.startIndex, sample[end - 1] & 0xC0 == 0x80 { end -= 1; back += 1 }
        if end > sample.startIndex, sample[end - 1] >= 0xC0 { end -= 1 }
        return String(validating: sample[sample.startIndex..<end], as: UTF8.self) != nil ? (.utf8, false, true) : (.gb18030, false, true)
    }
}
