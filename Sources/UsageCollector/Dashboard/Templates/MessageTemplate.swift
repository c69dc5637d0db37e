/// A page that only says something: why a form was refused.
enum MessageTemplate {
    static let name = "message"
    static let text = """
        <section class="card">
        <h1>{{title}}</h1>
        <p class="error" role="alert">{{message}}</p>
        <p><a href="/">Back to the overview</a></p>
        </section>
        """
}
