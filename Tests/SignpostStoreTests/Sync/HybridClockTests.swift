import Foundation
import SignpostDomain
import SignpostStore
import Testing

@Suite("Hybrid logical clock")
struct HybridClockTests {
    let device: DeviceID = "D-AAAAAAAAAA"
    let other: DeviceID = "D-BBBBBBBBBB"

    private func wall(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    @Test("readings follow the wall clock when it moves forward")
    func followsWallClock() {
        var clock = HybridClock(device: device, last: nil)
        let first = clock.tick(wall: wall(1_000))
        let second = clock.tick(wall: wall(2_000))
        #expect(first == HybridTimestamp(milliseconds: 1_000, counter: 0, device: device))
        #expect(second == HybridTimestamp(milliseconds: 2_000, counter: 0, device: device))
    }

    @Test("readings keep going forward when the wall clock goes back or stands still")
    func monotonicWhenClockGoesBack() {
        var clock = HybridClock(device: device, last: nil)
        let first = clock.tick(wall: wall(5_000))
        let same = clock.tick(wall: wall(5_000))
        let earlier = clock.tick(wall: wall(1_000))
        #expect(first < same)
        #expect(same < earlier)
        #expect(earlier == HybridTimestamp(milliseconds: 5_000, counter: 2, device: device))
    }

    @Test("a clock restarted from its last reading never goes back")
    func restartsFromLast() {
        var clock = HybridClock(device: device, last: HybridTimestamp(milliseconds: 9_000, counter: 7, device: device))
        #expect(clock.tick(wall: wall(3_000)) == HybridTimestamp(milliseconds: 9_000, counter: 8, device: device))
    }

    @Test("receiving a timestamp from ahead moves the clock past it")
    func receiveFromAhead() {
        var clock = HybridClock(device: device, last: nil)
        _ = clock.tick(wall: wall(1_000))
        let remote = HybridTimestamp(milliseconds: 8_000, counter: 3, device: other)
        let merged = clock.receive(remote, wall: wall(1_500))
        #expect(merged == HybridTimestamp(milliseconds: 8_000, counter: 4, device: device))
        let next = clock.tick(wall: wall(1_600))
        #expect(next > remote)
        #expect(next > merged)
    }

    @Test("receiving from the same millisecond takes the larger counter")
    func receiveSameMillisecond() {
        var clock = HybridClock(device: device, last: HybridTimestamp(milliseconds: 4_000, counter: 2, device: device))
        let merged = clock.receive(HybridTimestamp(milliseconds: 4_000, counter: 6, device: other), wall: wall(100))
        #expect(merged == HybridTimestamp(milliseconds: 4_000, counter: 7, device: device))
    }

    @Test("receiving an older timestamp still moves forward, with the wall clock")
    func receiveOlder() {
        var clock = HybridClock(device: device, last: HybridTimestamp(milliseconds: 4_000, counter: 2, device: device))
        let merged = clock.receive(HybridTimestamp(milliseconds: 1_000, counter: 9, device: other), wall: wall(6_000))
        #expect(merged == HybridTimestamp(milliseconds: 6_000, counter: 0, device: device))
    }

    @Test("a full counter carries into the next millisecond")
    func counterOverflow() {
        var clock = HybridClock(
            device: device,
            last: HybridTimestamp(milliseconds: 4_000, counter: HybridTimestamp.maximumCounter, device: device))
        #expect(clock.tick(wall: wall(4_000)) == HybridTimestamp(milliseconds: 4_001, counter: 0, device: device))
    }

    @Test("the text form is fixed-width, sorts as the timestamps do and reads back")
    func textForm() throws {
        let stamp = HybridTimestamp(milliseconds: 1_764_095_400_123, counter: 5, device: "D-7Q2M9X4K")
        #expect(stamp.description == "0001764095400123-0005-D-7Q2M9X4K")
        #expect(try HybridTimestamp(parsing: stamp.description) == stamp)
        let stamps = [
            HybridTimestamp(milliseconds: 99, counter: 10, device: device),
            HybridTimestamp(milliseconds: 100, counter: 2, device: device),
            HybridTimestamp(milliseconds: 100, counter: 2, device: other),
            HybridTimestamp(milliseconds: 100, counter: 11, device: device),
        ]
        #expect(stamps.map(\.description).sorted() == stamps.sorted().map(\.description))
        #expect(stamps.sorted() == stamps)
    }

    @Test(
        "Codable as its text form; malformed text is refused",
        arguments: ["", "12-0000-D-1", "0001764095400123-00x0-D-1", "0001764095400123-0000-"])
    func codable(malformed: String) throws {
        let stamp = HybridTimestamp(milliseconds: 42, counter: 1, device: device)
        let data = try JSONEncoder().encode([stamp])
        #expect(String(decoding: data, as: UTF8.self) == "[\"0000000000000042-0001-D-AAAAAAAAAA\"]")
        #expect(try JSONDecoder().decode([HybridTimestamp].self, from: data) == [stamp])
        #expect(throws: HybridTimestampError.malformed(malformed)) { try HybridTimestamp(parsing: malformed) }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([HybridTimestamp].self, from: Data("[\"\(malformed)\"]".utf8))
        }
    }
}
