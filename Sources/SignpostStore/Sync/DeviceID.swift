import Foundation
import SignpostDomain

/// The phantom type of ``DeviceID``: one Signpost store that makes changes.
public enum Device {}

/// The id of the store that made a change, such as `D-7Q2M9X4KQ3`.
///
/// Made once, when a store first records a change, and kept in the store; it
/// never changes afterwards, so a change's id and clock can always be traced to
/// the one store that made it.
///
/// ```swift
/// let device = DeviceID.generate()  // "D-…", ten letters and digits
/// ```
public typealias DeviceID = EntityID<Device>

extension EntityID where Entity == Device {
    /// A new random device id.
    public static func generate() -> DeviceID { generate(prefix: "D") }
}
