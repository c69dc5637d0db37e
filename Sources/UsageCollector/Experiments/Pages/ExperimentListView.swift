import UsageAnalytics

/// What the experiments list page shows.
struct ExperimentListView {
    struct Row {
        let id: Int
        let name: String
        let flag: String
        let status: String
        let started: String
        let ended: String

        init(_ experiment: Experiment) {
            self.id = experiment.id
            self.name = experiment.name
            self.flag = experiment.featureFlagKey
            self.status = experiment.status.rawValue
            self.started = experiment.startDate.map(ExperimentPageView.day) ?? "–"
            self.ended = experiment.endDate.map(ExperimentPageView.day) ?? "–"
        }
    }

    struct Flag {
        let key: String
        let variants: String

        init(_ flag: FeatureFlag) {
            self.key = flag.key
            self.variants = flag.variants.map { "\($0.key) \(NumberText.exact($0.rolloutPercentage))%" }
                .joined(separator: ", ")
        }
    }

    let csrf: String
    var error: String?
    var notice: String?
    // Stored, not computed: templates read views by reflection, which sees stored properties only.
    var experiments: [Row] = [] { didSet { self.hasExperiments = !self.experiments.isEmpty } }
    var flags: [Flag] = [] { didSet { self.hasFlags = !self.flags.isEmpty } }
    var eventNames: [String] = []
    private(set) var hasExperiments = false
    private(set) var hasFlags = false

    init(csrf: String, error: String?) {
        self.csrf = csrf
        self.error = error
    }
}
