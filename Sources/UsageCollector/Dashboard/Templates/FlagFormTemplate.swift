/// The create and edit form of a flag. Each input keeps what was typed; a refused save puts the error next to its
/// field. The variants only count for a multivariate flag, the "when true" payload only for a boolean one.
enum FlagFormTemplate {
    static let name = "flag-form"
    static let text = """
        <p class="breadcrumb"><a href="{{cancel}}">Back</a></p>
        <h1>{{heading}}</h1>
        {{#problem}}<p class="error" role="alert" id="problem">{{.}}</p>{{/problem}}
        <form method="post" action="{{action}}" class="flag-form" novalidate>
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#version}}<input type="hidden" name="version" value="{{.}}">{{/version}}
        <p class="form-actions"><button type="submit">{{submit}}</button> <a href="{{cancel}}">Cancel</a></p>
        <section class="card" id="basics"><h2>Flag</h2>
        {{#key}}<p class="field"><label for="key">Key</label>
        <input id="key" name="key" value="{{value}}" maxlength="400" autocomplete="off" spellcheck="false"
        {{#error}} aria-invalid="true" aria-describedby="key-error"{{/error}}>
        <span class="hint">What the code asks for: letters, digits, “-” and “_”.</span>
        {{#error}}<span class="field-error" id="key-error">{{.}}</span>{{/error}}</p>{{/key}}
        {{#name}}<p class="field"><label for="name">Name</label>
        <input id="name" name="name" value="{{value}}"{{#error}} aria-invalid="true" aria-describedby="name-error"{{/error}}>
        <span class="hint">What the flag is for (PostHog shows it as the description).</span>
        {{#error}}<span class="field-error" id="name-error">{{.}}</span>{{/error}}</p>{{/name}}
        <p class="field"><input type="checkbox" id="active" name="active" value="on"{{#active}} checked{{/active}}>
        <label for="active">On: evaluate the conditions (off: everyone gets false)</label></p>
        <fieldset class="type"><legend>Type</legend>
        <input type="radio" id="type-boolean" name="type" value="boolean"{{^isMultivariate}} checked{{/isMultivariate}}>
        <label for="type-boolean">Boolean: true or false</label>
        <input type="radio" id="type-multivariate" name="type" value="multivariate"{{#isMultivariate}} checked{{/isMultivariate}}>
        <label for="type-multivariate">Multivariate: one of several variants</label>
        </fieldset>
        {{#booleanPayload}}<p class="field boolean-only"><label for="payload-true">Payload when true (JSON, optional)</label>
        <input id="payload-true" name="payload-true" value="{{value}}" spellcheck="false"
        {{#error}} aria-invalid="true" aria-describedby="payload-true-error"{{/error}}>
        {{#error}}<span class="field-error" id="payload-true-error">{{.}}</span>{{/error}}</p>{{/booleanPayload}}
        </section>
        <section class="card multivariate-only" id="variants"><h2>Variants</h2>
        <p class="explain">Shares must add up to 100. A payload is JSON sent with the variant; text goes in quotes.</p>
        {{#variantsError}}<p class="field-error" id="variants-error">{{.}}</p>{{/variantsError}}
        <table class="form-rows"><thead><tr><th scope="col">Variant key</th><th scope="col">Name</th>
        <th scope="col">Share %</th><th scope="col">Payload (JSON)</th></tr></thead>
        <tbody>{{#variants}}<tr>
        {{#key}}<td><input id="{{id}}" name="{{id}}" value="{{value}}" aria-label="Key of variant {{number}}"
        spellcheck="false"{{#error}} aria-invalid="true"{{/error}}>{{#error}}<span class="field-error">{{.}}</span>{{/error}}</td>{{/key}}
        {{#name}}<td><input id="{{id}}" name="{{id}}" value="{{value}}" aria-label="Name of variant {{number}}"
        {{#error}} aria-invalid="true"{{/error}}>{{#error}}<span class="field-error">{{.}}</span>{{/error}}</td>{{/name}}
        {{#rollout}}<td><input id="{{id}}" name="{{id}}" value="{{value}}" inputmode="decimal" class="percent"
        aria-label="Share of variant {{number}} in percent"{{#error}} aria-invalid="true"{{/error}}>
        {{#error}}<span class="field-error">{{.}}</span>{{/error}}</td>{{/rollout}}
        {{#payload}}<td><input id="{{id}}" name="{{id}}" value="{{value}}" aria-label="Payload of variant {{number}}"
        spellcheck="false"{{#error}} aria-invalid="true"{{/error}}>{{#error}}<span class="field-error">{{.}}</span>{{/error}}</td>{{/payload}}
        </tr>{{/variants}}</tbody></table>
        <button type="submit" name="add" value="variant" class="quiet">Add a variant</button>
        </section>
        <section class="card" id="conditions"><h2>Release conditions</h2>
        <p class="explain">Tried in order; the first a person matches decides. All filters of a condition must match,
        then its share of those people gets the flag. A condition without filters matches everyone; a flag without
        conditions matches nobody. For “equals”, list several values separated by commas.</p>
        {{#conditionsError}}<p class="field-error" id="conditions-error">{{.}}</p>{{/conditionsError}}
        {{#conditions}}<fieldset class="condition" id="{{id}}"><legend>Condition {{number}}</legend>
        {{#filtersError}}<p class="field-error">{{.}}</p>{{/filtersError}}
        {{#filters}}<div class="filter">
        {{#property}}<input id="{{id}}" name="{{id}}" value="{{value}}" placeholder="person property, e.g. plan"
        aria-label="Property" spellcheck="false"{{#error}} aria-invalid="true"{{/error}}>{{/property}}
        <select id="{{operatorID}}" name="{{operatorID}}" aria-label="Operator">{{#operators}}<option
        value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/operators}}</select>
        {{#value}}<input id="{{id}}" name="{{id}}" value="{{value}}" placeholder="value, e.g. pro"
        aria-label="Value" spellcheck="false"{{#error}} aria-invalid="true"{{/error}}>{{/value}}
        {{#property.error}}<span class="field-error">{{.}}</span>{{/property.error}}
        {{#operatorError}}<span class="field-error">{{.}}</span>{{/operatorError}}
        {{#value.error}}<span class="field-error">{{.}}</span>{{/value.error}}
        </div>{{/filters}}
        <button type="submit" name="add" value="filter" class="quiet">Add a filter</button>
        <p class="field">{{#rollout}}<label for="{{id}}">Share of matching people %</label>
        <input id="{{id}}" name="{{id}}" value="{{value}}" inputmode="decimal" class="percent"
        {{#error}} aria-invalid="true"{{/error}}>{{#error}}<span class="field-error">{{.}}</span>{{/error}}{{/rollout}}
        {{#variant}}<label for="{{id}}" class="multivariate-only">Variant they all get (optional)</label>
        <input id="{{id}}" name="{{id}}" value="{{value}}" class="multivariate-only" spellcheck="false"
        {{#error}} aria-invalid="true"{{/error}}>{{#error}}<span class="field-error">{{.}}</span>{{/error}}{{/variant}}</p>
        </fieldset>{{/conditions}}
        <button type="submit" name="add" value="condition" class="quiet">Add a condition</button>
        </section>
        <p class="form-actions"><button type="submit">{{submit}}</button> <a href="{{cancel}}">Cancel</a></p>
        </form>
        """
}
