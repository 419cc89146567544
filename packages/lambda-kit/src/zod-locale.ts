// zod's English messages, configured once for every bundle that validates. Classic zod configures them when
// it loads; `zod/mini`, which the request path uses for its smaller and cheaper schemas, does not, and its
// messages are what the API's field errors and the logs say.
import { config } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

config(en());
