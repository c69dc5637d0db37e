import Foundation
import UsageAnalytics

/// The flag list of one project: a row per flag with its type, split, rollout, state and last change.
struct FlagListView {
    struct Row {
        let href: String
        let key: String
        let name: String
        let type: String
        let split: String?
        let splitText: String?
        let rollout: String
        let state: String
        let isOn: Bool
        let archived: Bool
        let version: Int
        let updated: String
        let updatedTimestamp: String
    }

    struct ProjectLink {
        let name: String
        let href: String
        let current: Bool
    }

    let newFlag: String
    let archived: Bool
    let filterHref: String
    let filterLabel: String
    let rows: [Row]
    let hasRows: Bool
    let hasProjects: Bool
    let projects: [ProjectLink]

    init(scope: FlagScope, flags: [StoredFlag], archived: Bool, projects: [String]) {
        self.newFlag = scope.path + "/new"
        self.archived = archived
        self.filterHref = archived ? scope.path : scope.path + "?archived=1"
        self.filterLabel = archived ? "Hide archived flags" : "Show archived flags too"
        self.rows = flags.map { stored in
            let flag = stored.flag
            return Row(
                href: scope.path(of: flag.id), key: flag.key, name: flag.name,
                type: flag.isMultivariate ? "multivariate" : "boolean",
                split: flag.isMultivariate ? FlagSplitBar.svg(flag.variants, width: 200, height: 14) : nil,
                splitText: flag.isMultivariate ? FlagWording.split(flag.variants) : nil,
                rollout: FlagWording.rollout(of: flag),
                state: stored.archived ? "archived" : flag.active ? "on" : "off", isOn: flag.active,
                archived: stored.archived, version: flag.version, updated: FlagTimeline.text(stored.updatedAt),
                updatedTimestamp: stored.updatedAt.formatted(.iso8601))
        }
        self.hasRows = !self.rows.isEmpty
        self.hasProjects = projects.count > 1
        self.projects = projects.map { key in
            ProjectLink(
                name: key, href: "/projects/\(ProjectDirectory.id(of: key))/flags", current: key == scope.project)
        }
    }
}
