/// `estimate --cohort FILE`: one enterprise, with ranks and pools decided among the enterprises of
/// a cohort file. The profile takes the place of the cohort's entry with its credit code, if any,
/// so evaluating a member of the file gives exactly its batch result.
extension BatchEvaluator {
    /// Also returns the cohort's decisions about the profile, which `estimate --cohort --record` keeps.
    public func evaluate(_ profile: Profile, within cohortProfiles: [Profile]) -> (estimate: Estimate, pools: [PoolOutcome], decisions: CohortDecisions) {
        var profiles = cohortProfiles
        let index: Int
        if let found = profiles.firstIndex(where: { $0.creditCode == profile.creditCode }) {
            profiles[found] = profile
            index = found
        } else {
            profiles.append(profile)
            index = profiles.count - 1
        }
        let cohort = prepare(profiles)
        return (evaluate(profile, at: index, in: cohort), cohort.pools, decisions(at: index, in: cohort))
    }
}
