// Artifact paths as sent by clients: every way to climb out of a run's folder is refused before the disk is
// touched, names MLflow clients really use get through, and downloads are never served inline.
import { describe, expect, it } from "vitest";
import { downloadHeaders, parseArtifactPath, parseEncodedArtifactPath, splitRunArtifactPath } from "@/lib/artifacts/paths";

const segmentsOf = (result: ReturnType<typeof parseEncodedArtifactPath>) => (result.ok ? result.segments : result.message);

describe("parseEncodedArtifactPath", () => {
  it("decodes each segment once, after splitting, so names keep spaces, unicode and literal percent signs", () => {
    expect(segmentsOf(parseEncodedArtifactPath("0/abc/artifacts/checkpoint-500/adapter_config.json"))).toEqual(["0", "abc", "artifacts", "checkpoint-500", "adapter_config.json"]);
    expect(segmentsOf(parseEncodedArtifactPath("a/loss%20curve%20%C3%A9.png"))).toEqual(["a", "loss curve é.png"]);
    // Double encoding decodes to the literal name "%2e%2e", a harmless file name, never to "..".
    expect(segmentsOf(parseEncodedArtifactPath("a/%252e%252e/x"))).toEqual(["a", "%2e%2e", "x"]);
  });

  it.each([
    ["a/../b", "'..'"],
    ["a/%2e%2e/b", "'..'"],
    ["a/%2E%2E/b", "'..'"],
    ["a/./b", "'.'"],
    ["a/%2e/b", "'.'"],
    ["..%2f..%2fetc%2fpasswd", "encoded slash"],
    ["a/..%2F..%2Fx", "encoded slash"],
    ["..%5c..%5cwindows", "backslash"],
    ["a\\..\\b", "backslash"],
    ["a/b%00.txt", "NUL"],
    ["/etc/passwd", "relative"],
    ["%2fetc%2fpasswd", "encoded slash"],
    ["a//b", "empty segment"],
    ["a/b/", "empty segment"],
    ["C%3A/Windows", "drive letter"],
    ["a/%0d%0aSet-Cookie", "control character"],
    ["a/%E0%A4%A", "malformed percent-encoding"],
    [`a/${"x".repeat(256)}`, "longer than 255 bytes"],
  ])("refuses %s (%s)", (encoded, why) => {
    const result = parseEncodedArtifactPath(encoded);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(why);
  });

  it("refuses an empty path unless a listing asks for the root", () => {
    expect(parseEncodedArtifactPath("").ok).toBe(false);
    expect(segmentsOf(parseEncodedArtifactPath("", { allowEmpty: true }))).toEqual([]);
  });
});

describe("parseArtifactPath (already decoded: a ?path= value)", () => {
  it("does not decode again, so %2e%2e stays a name and %2F is not a separator", () => {
    expect(segmentsOf(parseArtifactPath("a/%2e%2e/b"))).toEqual(["a", "%2e%2e", "b"]);
    expect(segmentsOf(parseArtifactPath("a/..%2Fb"))).toEqual(["a", "..%2Fb"]);
  });

  it.each(["../x", "a/../../x", "/abs", "a\\b", "a/\0", "a//b"])("refuses %j", (decoded) => {
    expect(parseArtifactPath(decoded).ok).toBe(false);
  });
});

describe("splitRunArtifactPath", () => {
  it("reads <experiment>/<run>/artifacts/<path> and refuses anything not under a run's artifacts folder", () => {
    expect(splitRunArtifactPath(["0", "r1", "artifacts", "a", "b.txt"])).toEqual({ experimentId: "0", runId: "r1", relative: ["a", "b.txt"] });
    expect(splitRunArtifactPath(["0", "r1", "artifacts"])).toEqual({ experimentId: "0", runId: "r1", relative: [] });
    expect(splitRunArtifactPath(["0", "r1", "models", "b.txt"])).toBeNull();
    expect(splitRunArtifactPath(["0", "r1"])).toBeNull();
  });
});

describe("downloadHeaders", () => {
  it("never serves HTML or SVG as a renderable type, and always as an attachment", () => {
    for (const name of ["report.html", "x.htm", "chart.svg", "page.xhtml", "no-extension"]) {
      const headers = downloadHeaders(name);
      expect(headers.contentType).toBe("application/octet-stream");
      expect(headers.contentDisposition.startsWith("attachment;")).toBe(true);
    }
  });

  it("labels text as text/plain and JSON as JSON", () => {
    expect(downloadHeaders("torchtune_config.yaml").contentType).toBe("text/plain; charset=utf-8");
    expect(downloadHeaders("adapter_config.json").contentType).toBe("application/json");
  });

  it("keeps quotes and non-ASCII out of the plain filename and gives the exact name in filename*", () => {
    const { contentDisposition } = downloadHeaders('a"b é.txt');
    expect(contentDisposition).toBe(`attachment; filename="a_b _.txt"; filename*=UTF-8''a%22b%20%C3%A9.txt`);
  });
});
