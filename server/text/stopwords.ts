// Words that carry no topic: English function words (natural's list plus the rest of scikit-learn's) and the
// boilerplate of abstracts ("we propose", "in this paper", "results show", "state of the art").

import { words as NATURAL_STOPWORDS } from "natural/lib/natural/util/stopwords.js";

/** Function words natural's list lacks, from the scikit-learn English list and usage in abstracts. */
const MORE_FUNCTION_WORDS = `a about above across after afterwards again against all almost alone along already also although
always am among amongst amount an and another any anyhow anyone anything anyway anywhere are around as at back be became
because become becomes becoming been before beforehand behind being below beside besides between beyond both but by can
cannot could de did do does doing done down due during each eg either else elsewhere enough et al etc even ever every
everyone everything everywhere except few fifteen fifty five for former formerly forty four from further get give go had
has have he hence her here hereafter hereby herein hereupon hers herself him himself his how however hundred ie if in
inc indeed instead into is it its itself just last latter latterly least less ltd made many may me meanwhile might mine
more moreover most mostly move much must my myself namely neither never nevertheless next nine no nobody none noone nor
not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own
part per perhaps please put rather re same seem seemed seeming seems serious several she should side since six sixty so
some somehow someone something sometime sometimes somewhere still such take ten than that the their them themselves then
thence there thereafter thereby therefore therein thereupon these they thick thin third this those though three through
throughout thru thus to together too top toward towards twelve twenty two un under until up upon us very via vs was we
well were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which
while whither who whoever whole whom whose why will with within without would yet you your yours yourself yourselves
i ii iii iv s t non let lets its it's we're they're don't doesn't can't won't`;

/**
 * Words that abstracts use to talk about themselves rather than their topic. Matched by stem, so "proposes",
 * "proposed" and "proposing" all go.
 */
const ABSTRACT_BOILERPLATE = `propose present introduce paper article work study studies show demonstrate result
finding approach method methodology novel new significantly significant substantially considerable outperform
outperforming existing state-of-the-art sota baseline use using used based leverage utilize employ achieve attain
obtain yield effective effectively improve improvement improved enhance enhanced enable allow provide address tackle
recent recently various variety different diverse extensive comprehensive experiment experimental empirical empirically
evaluate evaluation conduct investigate explore examine demonstrate reveal highlight suggest indicate consider focus aim
goal challenge challenging issue limitation limited lack remain despite able ability help key main first second finally
furthermore moreover additionally notably respectively including include particular particularly specifically
specific especially typically usually generally general often commonly widely well-known known importance important
crucial critical essential fundamental promising superior competitive remarkable impressive strong
code available publicly release open-source github furthermore overall further thereby additionally while`;

const splitWords = (list: string): string[] => list.split(/\s+/).filter(Boolean);

export const FUNCTION_WORDS: ReadonlySet<string> = new Set([...NATURAL_STOPWORDS, ...splitWords(MORE_FUNCTION_WORDS)]);

export const BOILERPLATE_WORDS: readonly string[] = splitWords(ABSTRACT_BOILERPLATE);

/**
 * Nouns that share a boilerplate word's stem but name a task ("speech enhancement", "low-light image enhancement"):
 * words, so that a phrase they end is not cut off before them.
 */
export const TASK_NOUNS: ReadonlySet<string> = new Set(["enhancement", "enhancements"]);
