import { describe, expect, it, vi } from "vitest";

import { clusterListContent, textListContent } from "../../client/panels/papers.js";
import { LatestRequests } from "../../client/requests.js";
import { tinyGraphDto } from "./fixtures.js";

const cluster = tinyGraphDto().clusters[0];
const noFacets = { filters: {}, facets: { category: [], author: [], venue: [] } };
const paper = (id: string) => ({ id, title: `Paper ${id}`, cluster: 0, centrality: 1, confidence: 1, subcluster: 0 });

describe("clusterListContent", () => {
  it("says how many papers there are and offers more when the page is not the whole cluster", () => {
    const onMore = vi.fn();
    const content = clusterListContent(
      { cluster, subcluster: null, ...noFacets, total: 3, limit: 2, offset: 0, papers: [paper("a"), paper("b")] },
      onMore,
    );
    expect(content.heading).toBe("alpha");
    expect(content.subtitle).toBe("3 papers, the 2 most central shown");
    expect(content.papers.map((p) => p.id)).toEqual(["a", "b"]);
    expect(content.onMore).toBe(onMore);
  });

  it("offers nothing more when every paper is shown", () => {
    const content = clusterListContent(
      { cluster, subcluster: null, ...noFacets, total: 1, limit: 50, offset: 0, papers: [paper("a")] },
      () => {},
    );
    expect(content.subtitle).toBe("1 paper");
    expect(content.onMore).toBeUndefined();
  });

  it("names the subtopic when the page is one subtopic's papers", () => {
    const subcluster = cluster.subclusters[1];
    const content = clusterListContent(
      { cluster, subcluster, ...noFacets, total: 1, limit: 50, offset: 0, papers: [paper("c")] },
      () => {},
    );
    expect(content.heading).toBe("alpha › alpha two");
    expect(content.subtitle).toBe("Subtopic: 1 paper");
  });
});

describe("textListContent", () => {
  it("names the cluster the text most likely belongs to", () => {
    const related = [{ id: "a", title: "A", cluster: 0, score: 0.42, sharedTopics: [] }];
    expect(textListContent({ cluster: { id: 0, label: "alpha", score: 0.8 }, related })).toMatchObject({
      subtitle: "Most likely cluster: alpha (0.80)",
      papers: related,
    });
  });

  it("says so when nothing matched", () => {
    expect(textListContent({ cluster: null, related: [] }).subtitle).toBe("No paper of the map is close to this text.");
  });
});

describe("LatestRequests", () => {
  it("aborts the pending request of a kind when a new one starts, and leaves other kinds alone", () => {
    const requests = new LatestRequests();
    const first = requests.signal("paper");
    const other = requests.signal("cluster");
    const second = requests.signal("paper");
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    expect(other.aborted).toBe(false);
    requests.abortAll();
    expect(second.aborted && other.aborted).toBe(true);
  });
});
