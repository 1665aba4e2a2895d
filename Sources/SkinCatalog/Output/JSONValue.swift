/// A JSON value whose objects keep their keys in the order given, so records read `sku`, `brand`, `name`
/// first. Rendering follows RFC 8259 (strings escaped, non-finite numbers as null).
public indirect enum JSONValue: Sendable {
    /// A string, escaped when rendered.
    case string(String)
    /// A number; rendered as a whole number where it is one, and as null when not finite.
    case number(Double)
    /// A whole number, rendered exactly.
    case integer(Int64)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`: a value that is absent or unknown.
    case null
    /// An array, in order.
    case array([JSONValue])
    /// An object whose keys keep the order given.
    case object([(String, JSONValue)])

    /// A string, or null for nil.
    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    /// A number, or null for nil.
    public static func optional(_ number: Double?) -> JSONValue { number.map(JSONValue.number) ?? .null }

    /// Compact (one line) or indented by two spaces.
    public func rendered(pretty: Bool) -> String {
        var output = ""
        write(to: &output, pretty: pretty, indent: 0)
        return output
    }

    private func write(to output: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .string(let text): Self.escape(text, into: &output)
        case .number(let value):
            if !value.isFinite {
                output += "null"
            } else if abs(value) < 1e15, let whole = Int64(exactly: value) {
                output += String(whole)
            } else {
                output += "\(value)"
            }
        case .integer(let value): output += String(value)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        case .array(let values):
            writeContainer(
                values.map { (nil, $0) }, open: "[", close: "]", into: &output, pretty: pretty,
                indent: indent)
        case .object(let members):
            writeContainer(
                members.map { ($0.0, $0.1) }, open: "{", close: "}", into: &output, pretty: pretty,
                indent: indent)
        }
    }

    private func writeContainer(
        _ items: [(String?, JSONValue)], open: String, close: String,
        into output: inout String, pretty: Bool, indent: Int
    ) {
        output += open
        if items.isEmpty {
            output += close
            return
        }
        let inner = String(repeating: "  ", count: indent + 1)
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { output += "," }
            if pretty { output += "\n" + inner }
            if let key {
                Self.escape(key, into: &output)
                output += pretty ? ": " : ":"
            }
            value.write(to: &output, pretty: pretty, indent: indent + 1)
        }
        if pretty { output += "\n" + String(repeating: "  ", count: indent) }
        output += close
    }

    private static func escape(_ text: String, into output: inout String) {
        JSONInput.writeString(text, to: &output)
    }
}
