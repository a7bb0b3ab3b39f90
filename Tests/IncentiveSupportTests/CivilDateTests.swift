import Testing
@testable import IncentiveSupport

@Suite struct CivilDateTests {
    @Test(arguments: [
        ("2020-02-29", true), ("2019-02-29", false), ("2020-1-01", false), ("2024-12-31", true),
        ("2024-13-01", false), ("2024-00-10", false), ("2024-04-31", false), ("2024-04-30", true),
        ("0000-01-01", false), ("0001-01-01", true), ("9999-12-31", true), ("2000-02-29", true),
        ("1900-02-29", false), ("2024-01-1", false), ("2024/01/01", false), ("20240101", false),
        (" 2024-01-01", false), ("2024-01-01 ", false), ("+024-01-01", false), ("2024-01-00", false),
        ("", false), ("２０２４-01-01", false),
    ])
    func parsing(text: String, valid: Bool) {
        let date = CivilDate(parsing: text)
        #expect((date != nil) == valid)
        if let date { #expect(date.description == text) }
    }

    @Test func fieldsAndDescription() throws {
        let date = try #require(CivilDate(year: 7, month: 3, day: 9))
        #expect(date.description == "0007-03-09")
        #expect(CivilDate(year: 10000, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 30) == nil)
        let parsed = try #require(CivilDate(parsing: "2021-11-05"))
        #expect(parsed.year == 2021 && parsed.month == 11 && parsed.day == 5)
    }

    @Test func addingYearsOnLeapDay() throws {
        let leap = try #require(CivilDate(parsing: "2020-02-29"))
        #expect(leap.addingYears(1)?.description == "2021-02-28")
        #expect(leap.addingYears(4)?.description == "2024-02-29")
        #expect(leap.addingYears(-20)?.description == "2000-02-29")
        #expect(leap.addingYears(-120)?.description == "1900-02-28")
        #expect(leap.addingYears(0) == leap)
        #expect(leap.addingYears(8000) == nil)
        #expect(leap.addingYears(Int.max) == nil)
        #expect(CivilDate(parsing: "2023-06-15")?.addingYears(5)?.description == "2028-06-15")
    }

    @Test(arguments: [
        ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11_017),
        ("2000-02-29", 11_016), ("2024-01-01", 19_723), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ])
    func dayNumberRoundTrip(text: String, expected: Int) throws {
        let date = try #require(CivilDate(parsing: text))
        #expect(date.dayNumber == expected)
        #expect(CivilDate(dayNumber: expected) == date)
    }

    @Test func dayNumberRoundTripEveryDayOfSomeYears() {
        for year in [1, 4, 100, 1600, 1900, 1999, 2000, 2023, 2024, 9999] {
            var expected = CivilDate.firstDay(ofYear: year)!.dayNumber
            for month in 1...12 {
                for day in 1...CivilDate.daysInMonth(year: year, month: month) {
                    let date = CivilDate(year: year, month: month, day: day)!
                    #expect(date.dayNumber == expected)
                    #expect(CivilDate(dayNumber: expected) == date)
                    expected += 1
                }
            }
            #expect(expected - 1 == CivilDate.lastDay(ofYear: year)!.dayNumber)
        }
        #expect(CivilDate(validatingDayNumber: CivilDate.minDayNumber - 1) == nil)
        #expect(CivilDate(validatingDayNumber: CivilDate.maxDayNumber + 1) == nil)
    }

    @Test func firstAndLastDay() {
        #expect(CivilDate.firstDay(ofYear: 2024)?.description == "2024-01-01")
        #expect(CivilDate.lastDay(ofYear: 2024)?.description == "2024-12-31")
        #expect(CivilDate.lastDay(ofYear: 0) == nil)
        #expect(CivilDate.firstDay(ofYear: 10_000) == nil)
    }

    @Test func ordering() throws {
        let texts = ["2024-03-01", "2023-12-31", "2024-02-29", "2024-01-15", "0999-05-05"]
        let dates = try texts.map { try #require(CivilDate(parsing: $0)) }
        #expect(dates.sorted().map(\.description) == ["0999-05-05", "2023-12-31", "2024-01-15", "2024-02-29", "2024-03-01"])
        #expect(CivilDate(parsing: "2024-02-29")! < CivilDate(parsing: "2024-03-01")!)
        #expect(!(CivilDate(parsing: "2024-03-01")! < CivilDate(parsing: "2024-03-01")!))
        // Ordering agrees with dayNumber.
        for (a, b) in zip(dates, dates.dropFirst()) {
            #expect((a < b) == (a.dayNumber < b.dayNumber))
        }
    }
}
