// Answered scorecards: managers review some of their reps' calls; the automatic cold-call scorecard
// scores dialer calls. Ids are int64 in Gong's schema and are sent as raw JSON numbers.
import type { IdFactory, Random } from '../random.js';
import { formatCompanyTime } from '../time.js';
import { scorecardKinds } from './settings.js';
import type { AnsweredScorecard, SandboxCall, SandboxUser, Scorecard } from './types.js';

export function generateAnsweredScorecards(
  rng: Random,
  ids: IdFactory,
  anchorMs: number,
  scorecards: readonly Scorecard[],
  calls: readonly SandboxCall[],
  users: readonly SandboxUser[],
): AnsweredScorecard[] {
  const usersById = new Map(users.map((u) => [u.id, u]));
  const out: AnsweredScorecard[] = [];
  for (const call of calls) {
    const card = scorecards.find((s) => scorecardKinds(s.scorecardName).includes(call.kind));
    if (!card || !rng.chance(card.reviewMethod === 'AUTOMATIC' ? 0.35 : 0.15)) continue;
    const reviewed = usersById.get(call.metaData.primaryUserId);
    if (!reviewed) continue;
    const reviewer = card.reviewMethod === 'AUTOMATIC' ? reviewed : (reviewed.managerId !== undefined ? usersById.get(reviewed.managerId) : undefined) ?? reviewed;
    const reviewMs = Math.min(anchorMs - 60_000, call.startedMs + call.metaData.duration * 1000 + rng.int(1, 96) * 3_600_000);
    out.push({
      answeredScorecardId: ids.id19(),
      scorecardId: card.scorecardId,
      scorecardName: card.scorecardName,
      callId: call.metaData.id,
      callStartTime: call.metaData.started,
      reviewedUserId: reviewed.id,
      reviewerUserId: reviewer.id,
      reviewMethod: card.reviewMethod,
      editorUserId: reviewer.id,
      reviewTime: formatCompanyTime(reviewMs),
      visibilityType: rng.pick(['PUBLIC', 'PUBLIC', 'MANAGERS_AND_REVIEWEE', 'PRIVATE']),
      answers: card.questions.map((q) => {
        if (q.answerOptions.length > 0) {
          return {
            questionId: q.questionId, questionRevisionId: q.questionRevisionId, isOverall: q.isOverall, notApplicable: false,
            selectedOptions: rng.sample(q.answerOptions.map((o) => o.text), rng.int(1, 3)),
          };
        }
        const na = !q.isOverall && rng.chance(0.05);
        const answer: AnsweredScorecard['answers'][number] = {
          questionId: q.questionId, questionRevisionId: q.questionRevisionId, isOverall: q.isOverall, notApplicable: na,
        };
        if (!na) answer.score = rng.int(q.minRange + 1, q.maxRange);
        if (!na && rng.chance(0.4)) answer.answerText = rng.pick(['Strong', 'Needs work on follow-up questions', 'Good pacing', 'Missed the budget question']);
        return answer;
      }),
      callMs: call.startedMs,
      reviewMs,
    });
  }
  return out;
}
