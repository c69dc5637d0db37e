import Foundation
import Hummingbird

/// Reading an HTML form post (`application/x-www-form-urlencoded`), bounded in size.
enum FormBody {
    static let maximumBytes = 64 * 1024

    struct Failure: Error {
        let status: HTTPResponse.Status
        let message: String
    }

    /// The form decoded as `Form`, or why it could not be read.
    static func decode<Form: Decodable>(
        _ type: Form.Type, from request: Request, maximumBytes: Int = Self.maximumBytes
    ) async -> Result<Form, Failure> {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            return .failure(Failure(status: .unsupportedMediaType, message: "The request was not an HTML form post."))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maximumBytes)
        } catch {
            return .failure(
                Failure(status: .contentTooLarge, message: "The form was larger than \(maximumBytes / 1024) KiB."))
        }
        do {
            return .success(try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body)))
        } catch {
            return .failure(Failure(status: .badRequest, message: "The form could not be read."))
        }
    }

    struct RefusalView {
        let title: String
        let message: String
    }

    /// A page saying why a signed-in user's form was refused.
    static func refusal(status: HTTPResponse.Status, session: DashboardSession, message: String) -> Response {
        PageRenderer.page(
            status: status, title: "Not done", page: "refused", template: MessageTemplate.name,
            view: RefusalView(title: "Not done", message: message), session: session)
    }
}
