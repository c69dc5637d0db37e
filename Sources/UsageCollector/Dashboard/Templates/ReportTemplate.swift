/// A built-in report page: its title, the date range picker, then a card per section with a chart, the table of
/// the numbers behind it and the query that produced them; a section without data says why instead.
enum ReportTemplate {
    static let name = "report"
    static let text = """
        <h1>{{title}}</h1>
        <p class="lede">{{summary}}</p>
        <form class="range" method="get" action="{{path}}">
        {{#hasProjects}}
        <label for="project">Project</label>
        <select id="project" name="project">{{#projects}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/projects}}</select>
        {{/hasProjects}}
        <label for="from">From</label>
        <input type="date" id="from" name="from" value="{{from}}" required>
        <label for="to">To</label>
        <input type="date" id="to" name="to" value="{{to}}" required>
        <button type="submit">Show</button>
        <span class="presets">{{#presets}}<a href="{{href}}">{{label}}</a> {{/presets}}</span>
        </form>
        {{#notice}}<p class="error" role="alert">{{notice}}</p>{{/notice}}
        {{#sections}}{{> section}}{{/sections}}
        """
}
