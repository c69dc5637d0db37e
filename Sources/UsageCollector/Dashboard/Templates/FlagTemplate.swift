/// One flag: its state and actions, its definition in words, variants with their split and payloads, and the
/// history as a timeline, newest first.
enum FlagTemplate {
    static let name = "flag"
    static let text = """
        <p class="breadcrumb"><a href="{{list}}">Feature flags</a></p>
        <h1><code>{{key}}</code> <span class="state state-{{state}}">{{state}}</span></h1>
        {{#name}}<p class="lede">{{name}}</p>{{/name}}
        {{#message}}<p class="error" role="alert">{{message}}</p>{{/message}}
        {{^archived}}
        <div class="flag-actions">
        <a class="button" href="{{edit}}">Edit</a>
        <form method="post" action="{{actions}}/active" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#isOn}}<input type="hidden" name="active" value="off"><button type="submit" class="quiet">Turn off</button>{{/isOn}}
        {{^isOn}}<input type="hidden" name="active" value="on"><button type="submit">Turn on</button>{{/isOn}}
        </form>
        <form method="post" action="{{actions}}/archive" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="danger">Archive</button>
        </form>
        </div>
        <p class="explain">Archiving turns the flag off for good and hides it from the list; its history stays.</p>
        {{/archived}}
        <section class="card" id="definition"><h2>Who gets it</h2>
        <p>{{type}} flag, version {{version}}. {{#isOn}}It is on: the first condition a person matches decides.{{/isOn}}
        {{^isOn}}It is off: everyone gets false.{{/isOn}}</p>
        {{^conditions}}<p class="empty">No release condition: nobody gets this flag.</p>{{/conditions}}
        <ol class="conditions">{{#conditions}}<li>{{text}}</li>{{/conditions}}</ol>
        {{#booleanPayload}}<h3>Payload when true</h3><pre class="query">{{.}}</pre>{{/booleanPayload}}
        </section>
        {{#split}}
        <section class="card" id="variants"><h2>Variants</h2>
        <figure>{{{split}}}</figure>
        <table class="variants"><thead><tr><th scope="col">Variant</th><th scope="col">Name</th>
        <th scope="col">Share</th><th scope="col">Payload</th></tr></thead>
        <tbody>{{#variants}}<tr><th scope="row">{{{swatch}}} <code>{{key}}</code></th><td>{{name}}</td>
        <td>{{percent}}</td><td>{{#payload}}<code>{{.}}</code>{{/payload}}</td></tr>{{/variants}}</tbody></table>
        </section>
        {{/split}}
        <section class="card" id="history"><h2>History</h2>
        <p class="explain">Every saved version, newest first. The collector has one admin identity (its token), so
        the history records when and what changed, not who.</p>
        <ol class="timeline">{{#timeline}}<li class="revision" data-version="{{version}}">
        <p><strong>v{{version}} {{action}}</strong> · <time datetime="{{timestamp}}">{{time}}</time></p>
        <ul>{{#changes}}<li>{{.}}</li>{{/changes}}</ul></li>{{/timeline}}</ol>
        </section>
        """
}
