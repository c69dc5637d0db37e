/// The sign-in form: the admin token in a password field, so it is never shown on screen.
enum SignInTemplate {
    static let name = "sign-in"
    static let text = """
        <section class="sign-in card">
        <h1>Sign in</h1>
        <p>Enter the collector's admin token: the one <code>psa serve</code> printed on its first start, also in
        <code>.psa/collector/admin-token</code>, or <code>COLLECTOR_ADMIN_TOKEN</code>.</p>
        {{#message}}<p class="notice" role="status">{{message}}</p>{{/message}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#enabled}}
        <form method="post" action="/sign-in">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="token">Admin token</label>
        <input type="password" id="token" name="token" autocomplete="current-password" required autofocus>
        <button type="submit">Sign in</button>
        </form>
        {{/enabled}}
        {{^enabled}}<p class="error" role="alert">No admin token is configured, so nobody can sign in. Set
        <code>COLLECTOR_ADMIN_TOKEN</code> (or let <code>psa serve</code> generate one) and restart.</p>{{/enabled}}
        </section>
        """
}
