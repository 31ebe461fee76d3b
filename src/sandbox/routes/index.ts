// All 67 operations of Gong's API v2, one module per area.
import type { Route } from '../router.js';
import { adminRoutes } from './admin.js';
import { callAccessRoutes } from './call-access.js';
import { callRoutes } from './calls.js';
import { coachingRoutes } from './coaching.js';
import { crmRoutes } from './crm.js';
import { engagementRoutes } from './engagement.js';
import { entityRoutes } from './entities.js';
import { flowRoutes } from './flows.js';
import { libraryRoutes } from './library.js';
import { meetingRoutes } from './meetings.js';
import { privacyRoutes } from './privacy.js';
import { settingsRoutes } from './settings.js';
import { statsRoutes } from './stats.js';
import { taskRoutes } from './tasks.js';
import { userRoutes } from './users.js';

export const ROUTES: readonly Route[] = [
  ...callRoutes, ...callAccessRoutes, ...userRoutes, ...statsRoutes, ...settingsRoutes, ...libraryRoutes,
  ...coachingRoutes, ...flowRoutes, ...taskRoutes, ...engagementRoutes, ...meetingRoutes, ...privacyRoutes,
  ...crmRoutes, ...entityRoutes, ...adminRoutes,
];
