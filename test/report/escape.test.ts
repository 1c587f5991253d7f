import { describe, expect, it } from "vitest";
import { escapeHtml, jsonForScript } from "../../src/report/escape.js";

describe("report escaping", () => {
  it("turns markup into text", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
  });

  it("writes JSON that cannot end or derail a <script> element and parses back unchanged", () => {
    const value = { t: "</script><script>alert(1)</script>", c: "<!-- & \u2028\u2029", n: [1, 2] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
