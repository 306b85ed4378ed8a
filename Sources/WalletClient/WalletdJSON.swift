import Basics
import Foundation
import WalletAPI

/// How bodies and answers travel: ``NoBody`` as nothing, `JSONValue` as canonical JSON text read
/// back by the strict reader, every other type through `Codable`. Pure.
enum WalletdJSON {
    static func encode<Body: Encodable>(_ body: Body) throws(WalletdClientError) -> Data? {
        if body is NoBody { return nil }
        if let json = body as? JSONValue { return json.encoded() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            return try encoder.encode(body)
        } catch {
            throw .unencodable(type: String(describing: Body.self), detail: "\(error)")
        }
    }

    static func decode<Answer: Decodable>(_ type: Answer.Type, from data: Data, status: Int) throws(WalletdClientError) -> Answer {
        if let nothing = NoBody() as? Answer { return nothing }
        if Answer.self == JSONValue.self {
            do {
                if let json = try JSONValue(data: data) as? Answer { return json }
            } catch {
                throw .undecodable(type: "JSON value", status: status, detail: "\(error)")
            }
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .undecodable(type: String(describing: Answer.self), status: status, detail: "\(error)")
        }
    }
}
