/// A typed answer together with the response it came in, for callers that also need the status
/// (`201` created or `200` already there), a header, or walletd's JSON as it was sent.
///
/// ```swift
/// let reply = try client.reply(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: id, pin: pin))
/// reply.answer.name                       // the LearnerSummary
/// reply.response.status == 200            // the learner was already on this PC
/// print(reply.response.text)              // the JSON exactly as walletd sent it
/// ```
public struct WalletdReply<Answer: Sendable>: Sendable {
    public var answer: Answer
    public var response: WalletdResponse

    public init(answer: Answer, response: WalletdResponse) {
        self.answer = answer
        self.response = response
    }
}
