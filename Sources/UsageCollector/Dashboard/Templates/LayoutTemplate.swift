/// The page frame every dashboard page shares: head, `<nav>` of the pages, sign-out form, and the inline
/// script (allowed by its nonce) that marks the page as drawn.
enum LayoutTemplate {
    static let name = "layout"
    static let text = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>{{title}} · Usage collector</title>
        <link rel="stylesheet" href="/assets/dashboard.css">
        </head>
        <body data-page="{{page}}">
        <header class="top">
        <a class="brand" href="/">Usage collector</a>
        {{#signedIn}}
        <nav aria-label="Dashboard pages"><ul>
        {{#navigation}}<li><a href="{{path}}"{{#current}} aria-current="page"{{/current}}>{{title}}</a></li>{{/navigation}}
        </ul></nav>
        <form class="sign-out" method="post" action="/sign-out">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Sign out</button>
        </form>
        {{/signedIn}}
        </header>
        <main id="main">
        {{{content}}}
        </main>
        <script nonce="{{nonce}}">document.body.dataset.ready = "true";</script>
        </body>
        </html>
        """
}
