/// A proleptic Gregorian calendar date without time zone, years 1...9999.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public static let validYears: ClosedRange<Int> = 1...9999

    public init?(year: Int, month: Int, day: Int) {
        guard CivilDate.validYears.contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strict `YYYY-MM-DD` (ASCII digits, exactly 4-2-2) naming a valid date; otherwise `nil`.
    public init?(parsing text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Days in `month` (1...12) of `year`; 0 for an invalid month.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let s = String(value)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Same month and day `n` years later (earlier if negative); Feb 29 becomes Feb 28 in a
    /// non-leap target year. `nil` if the target year is outside 1...9999.
    public func addingYears(_ n: Int) -> CivilDate? {
        let (target, overflow) = year.addingReportingOverflow(n)
        guard !overflow, CivilDate.validYears.contains(target) else { return nil }
        return CivilDate(year: target, month: month,
                         day: min(day, CivilDate.daysInMonth(year: target, month: month)))
    }

    public static func firstDay(ofYear year: Int) -> CivilDate? { CivilDate(year: year, month: 1, day: 1) }
    public static func lastDay(ofYear year: Int) -> CivilDate? { CivilDate(year: year, month: 12, day: 31) }

    /// Days since 1970-01-01 (negative before). Algorithm: H. Hinnant, `days_from_civil`.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12                      // March = 0
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static let minDayNumber = CivilDate(year: 1, month: 1, day: 1)!.dayNumber
    public static let maxDayNumber = CivilDate(year: 9999, month: 12, day: 31)!.dayNumber

    /// Inverse of `dayNumber`. Precondition: `minDayNumber...maxDayNumber` (0001-01-01...9999-12-31);
    /// use `init?(validatingDayNumber:)` for untrusted input.
    public init(dayNumber: Int) {
        precondition((CivilDate.minDayNumber...CivilDate.maxDayNumber).contains(dayNumber),
                     "CivilDate dayNumber \(dayNumber) outside 0001-01-01...9999-12-31")
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// `nil` when `dayNumber` is outside 0001-01-01...9999-12-31.
    public init?(validatingDayNumber dayNumber: Int) {
        guard (CivilDate.minDayNumber...CivilDate.maxDayNumber).contains(dayNumber) else { return nil }
        self.init(dayNumber: dayNumber)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
