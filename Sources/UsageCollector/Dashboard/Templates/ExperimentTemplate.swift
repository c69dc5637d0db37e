/// One experiment: status and launch/stop, the sample-ratio warning, the "not enough data" state, and per
/// metric a lift interval chart and the table of variants.
enum ExperimentTemplate {
    static let name = "experiment"
    static let text = """
        <h1>{{name}}</h1>
        <p class="lede">Flag <code>{{flag}}</code> · <span class="status-{{status}}" id="status">{{status}}</span>
        {{#started}} · started {{started}}{{/started}}{{#ended}} · ended {{ended}}{{/ended}} · counted per {{unit}}</p>
        {{#description}}<p>{{description}}</p>{{/description}}
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#isDraft}}<form method="post" action="/experiments/{{id}}/launch" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Launch</button></form>{{/isDraft}}
        {{#isRunning}}<form method="post" action="/experiments/{{id}}/stop" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger">Stop</button></form>{{/isRunning}}
        {{#srmWarning}}<p class="error srm-warning" role="alert">{{srmWarning}}</p>{{/srmWarning}}
        {{#results}}
        <section class="card" id="exposures"><h2>Exposures</h2>
        <p><span id="exposure-total">{{exposures}}</span> exposed units{{#exclusions}}; {{exclusions}} saw more than
        one variant and are left out{{/exclusions}}. Split: {{split}}.</p>
        {{#notEnoughData}}<p class="notice not-enough-data" role="status">Not enough data yet: every variant needs
        {{minimumSample}} exposures before a winner is declared.</p>{{/notEnoughData}}
        </section>
        {{#metrics}}
        <section class="card metric" data-metric="{{index}}"><h2>{{title}}</h2>
        <p class="verdict">{{verdict}}</p>
        <figure>{{{chart}}}<figcaption>95% credible interval of the lift against control; the dot is the observed
        lift.</figcaption></figure>
        <table><thead><tr><th scope="col">Variant</th><th scope="col">Exposures</th><th scope="col">{{valueHeading}}</th>
        <th scope="col">95% credible interval</th><th scope="col">Lift vs control</th>
        <th scope="col">Probability to be best</th><th scope="col">p-value vs control</th></tr></thead>
        <tbody>{{#rows}}<tr data-variant="{{key}}"><th scope="row">{{key}}</th><td class="exposures">{{exposures}}</td>
        <td class="value">{{value}}</td><td>{{interval}}</td><td>{{lift}}</td><td class="best">{{best}}</td>
        <td>{{pValue}}</td></tr>{{/rows}}</tbody></table>
        </section>
        {{/metrics}}
        {{/results}}
        <p><a href="/experiments">All experiments</a></p>
        """
}
