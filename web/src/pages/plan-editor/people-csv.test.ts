import { describe, expect, it } from "vitest";
import { parsePeopleCsv } from "./people-csv";

const ROLES = ["commander", "scribe", "legal-counsel"];

describe("people from CSV", () => {
  it("keeps the good rows and reports each bad one by its line", () => {
    const csv = [
      "Name,Email,Phone,Roles",
      "Ada Lovelace,ada@acme.test,+44 20 7946 0001,commander;scribe",
      '"Hopper, Grace",grace@acme.test,,legal-counsel',
      ",nobody@acme.test,,",
      "Bad Mail,not-an-address,,",
      "Ada Again,ADA@acme.test,,",
      "Carl,carl@acme.test,,pilot",
      "",
    ].join("\r\n");
    const { people, problems } = parsePeopleCsv(csv, ROLES);
    expect(people).toEqual([
      {
        name: "Ada Lovelace",
        email: "ada@acme.test",
        phone: "+44 20 7946 0001",
        roles: ["commander", "scribe"],
      },
      {
        name: "Hopper, Grace",
        email: "grace@acme.test",
        phone: undefined,
        roles: ["legal-counsel"],
      },
    ]);
    expect(problems).toEqual([
      { line: 4, message: "no name" },
      { line: 5, message: "'not-an-address' is not an e-mail address" },
      { line: 6, message: "ADA@acme.test is already on an earlier line" },
      { line: 7, message: "unknown role pilot" },
    ]);
  });

  it("takes the columns in any order and refuses a file without a header", () => {
    expect(parsePeopleCsv("email,name\nx@y.test,X", ROLES).people).toEqual([
      { name: "X", email: "x@y.test", phone: undefined, roles: [] },
    ]);
    expect(parsePeopleCsv("Ada,ada@acme.test", ROLES)).toEqual({
      people: [],
      problems: [
        { line: 1, message: "the first line must name the columns: name,email,phone,roles" },
      ],
    });
  });
});
