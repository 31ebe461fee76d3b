// Word banks for the fake company, its people and its prospects. All names are invented.

/** Lower-case ASCII letters only, for email local parts and domains. */
export function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
}

export const SELLER = {
  name: 'Lumen Data',
  domain: 'lumendata.example',
  product: 'Lumen Insights',
};

export const FIRST_NAMES = [
  'Avery', 'Jordan', 'Priya', 'Marcus', 'Elena', 'Tomás', 'Hannah', 'Kenji', 'Aisha', 'Daniel', 'Sofia', 'Liam',
  'Maya', 'Noah', 'Chloe', 'Ethan', 'Grace', 'Omar', 'Isabel', 'Lucas', 'Nina', 'Rahul', 'Zoe', 'Gabriel',
  'Fatima', 'Oliver', 'Leah', 'Samuel', 'Mei', 'Jonas', 'Clara', 'Diego', 'Ingrid', 'Felix', 'Amara', 'Victor',
  'Rosa', 'Henrik', 'Yara', 'Caleb', 'Julia', 'Mateo', 'Sana', 'Patrick', 'Lena', 'Andre', 'Naomi', 'Theo',
  'Camille', 'Ravi', 'Erin', 'Kwame', 'Lucia', 'Ben', 'Hiro', 'Ada', 'Malik', 'Freya', 'Owen', 'Tara',
];

export const LAST_NAMES = [
  'Bennett', 'Okafor', 'Lindqvist', 'Ramirez', 'Chen', 'Novak', 'Patel', 'Fischer', 'Moreau', 'Kowalski', 'Haddad',
  'Sato', 'Murphy', 'Ivanova', 'Costa', 'Nguyen', 'Schmidt', 'Adeyemi', 'Larsen', 'Rossi', 'Kaur', 'Dubois',
  'Walsh', 'Tanaka', 'Silva', 'Becker', 'Mensah', 'Horvath', 'Jensen', 'Alvarez', 'Park', 'Brennan', 'Volkov',
  'Ito', 'Nakamura', 'Oyelaran', 'Petrov', 'Quinn', 'Reyes', 'Stein', 'Turner', 'Varga', 'Weber', 'Young',
  'Zimmermann', 'Abbott', 'Baptiste', 'Carvalho', 'Delaney', 'Eriksen',
];

export const COMPANY_PREFIXES = [
  'Apex', 'Blue Harbor', 'Cedar', 'Northwind', 'Brightline', 'Copperleaf', 'Driftwood', 'Evergreen', 'Foxglove',
  'Granite', 'Harborview', 'Ironwood', 'Juniper', 'Keystone', 'Lakeside', 'Meridian', 'Nimbus', 'Oakridge',
  'Pinnacle', 'Quarry', 'Redwood', 'Silverline', 'Tidewater', 'Upland', 'Vantage', 'Westbrook', 'Yellowstone',
  'Zephyr', 'Alder', 'Beacon', 'Crescent', 'Delta', 'Ember', 'Fairview', 'Glacier', 'Horizon', 'Indigo',
  'Jasper', 'Kestrel', 'Lumos', 'Maple', 'Nova', 'Orchid', 'Polaris', 'Quill', 'Riverbend', 'Summit', 'Trellis',
];

export const COMPANY_SUFFIXES = [
  'Logistics', 'Health', 'Financial', 'Robotics', 'Foods', 'Energy', 'Software', 'Retail', 'Biotech', 'Media',
  'Insurance', 'Manufacturing', 'Labs', 'Systems', 'Partners', 'Mobility',
];

export const INDUSTRIES: Record<string, string> = {
  Logistics: 'Transportation', Health: 'Healthcare', Financial: 'Financial Services', Robotics: 'Manufacturing',
  Foods: 'Consumer Goods', Energy: 'Energy', Software: 'Technology', Retail: 'Retail', Biotech: 'Life Sciences',
  Media: 'Media', Insurance: 'Insurance', Manufacturing: 'Manufacturing', Labs: 'Technology', Systems: 'Technology',
  Partners: 'Professional Services', Mobility: 'Transportation',
};

export const CITIES: ReadonlyArray<readonly [string, string]> = [
  ['Boston', 'USA'], ['Chicago', 'USA'], ['Austin', 'USA'], ['Denver', 'USA'], ['Seattle', 'USA'], ['Atlanta', 'USA'],
  ['New York', 'USA'], ['San Diego', 'USA'], ['Toronto', 'Canada'], ['London', 'United Kingdom'],
  ['Dublin', 'Ireland'], ['Berlin', 'Germany'], ['Amsterdam', 'Netherlands'], ['Paris', 'France'],
  ['Stockholm', 'Sweden'], ['Madrid', 'Spain'],
];

export const PROSPECT_TITLES = [
  'VP of Operations', 'Director of Sales Operations', 'Head of Revenue Operations', 'CFO', 'IT Manager',
  'Senior Data Analyst', 'Director of Analytics', 'Chief Revenue Officer', 'Procurement Manager',
  'VP of Customer Success', 'Head of Business Intelligence', 'Operations Manager', 'Security Engineer',
  'Director of Finance', 'Product Manager', 'VP of Sales',
];

export const COMPETITORS = ['Tableau', 'Looker', 'Power BI', 'Domo', 'Sisense', 'an in-house tool'];

export const FEATURES = [
  'the forecasting module', 'real-time dashboards', 'the Salesforce integration', 'role-based access',
  'the data warehouse connector', 'scheduled reports', 'anomaly alerts', 'the embedded analytics SDK',
  'single sign-on', 'the audit trail', 'the pipeline health view', 'custom metrics',
];

export const PAIN_POINTS = [
  'reports take two days to pull together every month', 'nobody trusts the pipeline numbers',
  'we are stitching together five spreadsheets', 'the board deck is always late',
  'our analysts spend half their time on data prep', 'we cannot see churn risk until it is too late',
  'every team has its own version of revenue', 'the current tool falls over with our data volume',
];

export const OPPORTUNITY_STAGES = [
  'Qualification', 'Discovery', 'Solution Review', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost',
];
