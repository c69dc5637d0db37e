import Foundation

/// A loopback port whose handshakes never complete: it listens with a backlog of one that two
/// connections that are never accepted already fill, so the kernel drops every further SYN and a
/// client's connect waits until its own timeout, like a black-holed server.
final class FullBacklogListener: Sendable {
    let port: Int
    private let socket: RefusedPort
    private let fillers: [Int32]

    init() throws {
        socket = try RefusedPort()
        port = socket.port
        guard listen(socket.descriptor, 0) == 0 else { throw AdapterError(description: "cannot listen on loopback") }
        var fillers: [Int32] = []
        for _ in 0..<2 {
            let filler = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            _ = fcntl(filler, F_SETFL, fcntl(filler, F_GETFL) | O_NONBLOCK)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            // Non-blocking: the call returns at once and the kernel completes the handshake into the backlog.
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            fillers.append(filler)
        }
        self.fillers = fillers
    }

    deinit {
        for filler in fillers { close(filler) }
    }
}
