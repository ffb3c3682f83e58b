import * as fs from "fs";
import * as path from "path";

/** Writes a generated document and says so; a failure prints its stack and sets the exit code. */
export function writeGenerated(file: string, produce: () => string | Promise<string>): void {
  Promise.resolve()
    .then(produce)
    .then((text) => {
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    })
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
