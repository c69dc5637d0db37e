/// The flag list of a project: a table of its flags, the archived filter, and the link to create one.
enum FlagListTemplate {
    static let name = "flag-list"
    static let text = """
        <h1>Feature flags</h1>
        <p class="lede">Flags decide who gets a feature, evaluated at <code>/flags?v=2</code> and by the SDK's local
        evaluation. Every change is kept in each flag's history.</p>
        {{#hasProjects}}<nav aria-label="Projects" class="projects"><ul>{{#projects}}<li><a href="{{href}}"{{#current}}
         aria-current="true"{{/current}}>{{name}}</a></li>{{/projects}}</ul></nav>{{/hasProjects}}
        <p class="actions"><a class="button" href="{{newFlag}}">New flag</a>
        <a href="{{filterHref}}">{{filterLabel}}</a></p>
        <section class="card" id="flags">
        {{^rows}}<p class="empty">{{#archived}}This project has no flags.{{/archived}}{{^archived}}No flag yet{{/archived}}:
        create one with “New flag”.</p>{{/rows}}
        {{#hasRows}}
        <table class="flags"><caption>{{#archived}}Every flag, archived ones included.{{/archived}}{{^archived}}Flags
        in use; archived ones are hidden.{{/archived}}</caption>
        <thead><tr><th scope="col">Key</th><th scope="col">Name</th><th scope="col">Type</th>
        <th scope="col">Rollout</th><th scope="col">State</th><th scope="col">Last change</th></tr></thead>
        <tbody>{{#rows}}<tr class="flag-row" data-key="{{key}}">
        <th scope="row"><a href="{{href}}">{{key}}</a></th><td>{{name}}</td>
        <td>{{type}}{{{split}}}{{#splitText}}<span class="split-text">{{.}}</span>{{/splitText}}</td><td class="rollout">{{rollout}}</td>
        <td><span class="state state-{{state}}">{{state}}</span></td>
        <td class="changed">v{{version}} · <time datetime="{{updatedTimestamp}}">{{updated}}</time></td></tr>{{/rows}}
        </tbody></table>
        {{/hasRows}}
        </section>
        """
}
