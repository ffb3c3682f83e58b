// The Pulumi program: `pulumi up` runs this file; the offline planner runs the same `main`.
import { main } from "./patterns/program";

export = main();
