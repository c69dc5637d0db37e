/// The event explorer: filters, then the latest matching events with their properties as stored.
enum ExplorerTemplate {
    static let name = "explorer"
    static let text = """
        <h1>Event explorer</h1>
        <p class="lede">The latest events the collector received, newest first, with their properties exactly as
        stored. At most {{pageSize}} are shown; narrow the filters to see older ones.</p>
        <form class="range" method="get" action="/events">
        <datalist id="event-names">{{#eventNames}}<option value="{{.}}">{{/eventNames}}</datalist>
        <label for="event">Event</label> <input id="event" name="event" list="event-names" value="{{event}}">
        <label for="property">Property</label> <input id="property" name="property" value="{{property}}">
        <label for="value">equals</label> <input id="value" name="value" value="{{value}}">
        <label for="from">From</label> <input type="date" id="from" name="from" value="{{from}}">
        <label for="to">To</label> <input type="date" id="to" name="to" value="{{to}}">
        <button type="submit">Filter</button>
        </form>
        {{#notice}}<p class="error" role="alert">{{notice}}</p>{{/notice}}
        <section class="card" id="events">
        {{#isEmpty}}<p class="empty">{{emptyMessage}}</p>{{/isEmpty}}
        {{^isEmpty}}
        <table class="data events"><caption>{{count}} events, newest first</caption>
        <thead><tr><th scope="col">Time (UTC)</th><th scope="col">Event</th><th scope="col">Distinct id</th>
        <th scope="col">Properties</th></tr></thead>
        <tbody>{{#rows}}<tr><th scope="row">{{time}}</th><td class="event-name">{{event}}</td><td>{{distinctID}}</td>
        <td class="properties"><pre>{{properties}}</pre></td></tr>{{/rows}}</tbody>
        </table>
        {{/isEmpty}}
        </section>
        """
}
