// The package ships no types: it returns each holiday's name mapped to a local-midnight Date.
declare module "@socialgouv/jours-feries" {
  export default function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
