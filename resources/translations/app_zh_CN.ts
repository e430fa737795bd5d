<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessForm</name>
    <message>
        <source>Optional: anything the shop should know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for a copy of everything the shop holds about you. The shop prepares an archive you can download here, checksummed and signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccessLogPage</name>
    <message>
        <source>Who accessed my data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log integrity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every look at your data and every change is written here, including this page&apos;s own reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order of the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assisted sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an assist code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assist code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the assist code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give this code only to an agent you contacted; it works once, for 10 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More entries could not be loaded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the log&apos;s chain of fingerprints…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log&apos;s chain could not be checked: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop&apos;s record of who looked at your data does not match what was written at the time. Someone changed or removed entries. Keep a screenshot and consider a complaint (Requests page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {0} more problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the session of {0} now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agent has had access to your data through an assist code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} active session(s). An agent sees your data only while a session is active; every look is in the log above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session of {0} was ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session could not be ended: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new assist code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No code was created: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your customer number: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code has expired. Create a new one if needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assist code copied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountCancellationForm</name>
    <message>
        <source>Warning: cancelling your account cannot be undone. You will be signed out, your profile, history and preferences are deleted or anonymised, and you can no longer see your orders or file requests with this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: why you are leaving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand that my account will be closed for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close your account at this shop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the box to confirm you want to close the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityChart</name>
    <message>
        <source>Activity over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No activity in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} searches and {1} product views in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product views</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddShopDialog</name>
    <message>
        <source>Add a shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of the shop&apos;s privacy service, e.g. https://shop.example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shops on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or pick a shop running on this computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an address first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssistDialog</name>
    <message>
        <source>Assist a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the customer to create an assist code in their app (Access log page) and read it to you. Everything you see or do is recorded in the customer&apos;s access log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer number, e.g. SM100001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assist code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case reason, e.g. ticket 4711: help with a deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the customer number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code has 6 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why you are assisting (it is shown to the customer).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifiable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logistics partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page visited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purposes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tied consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <source>Complaint text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What went wrong, and what you ask the shop to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No related request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft from the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a polite complaint from the related request&apos;s record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complain to the shop&apos;s privacy team; a person answers in writing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} / {1} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what the complaint is about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The complaint is too long: at most {0} characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentRow</name>
    <message>
        <source>Legal basis: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: needed to provide the service, so it cannot be switched off. The way out is cancelling your account (see Requests).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed for the service; cannot be switched off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentWithdrawalForm</name>
    <message>
        <source>Withdraw my consent to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents to withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have no consent that can be withdrawn: the others are needed to provide the service (cancel the account to end them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw consents you gave; the shop confirms each with a signed receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one consent to withdraw.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentsPage</name>
    <message>
        <source>Consents &amp; subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This shop lists no purposes, channels or cookies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cookies &amp;&amp; tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change of consent, with the privacy-policy version in force and the shop-signed receipt. Each receipt&apos;s signature is checked against the shop&apos;s published keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising messages by channel. Switching a channel off stops promotions through it; service messages about your orders still arrive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cookies and similar technologies (Flash cookies, local storage, web beacons, pixel tags) the shop uses, and the consent each depends on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group cookies by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tied consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cookies and tracking technologies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assisted session: consents are shown read-only. Only the shopper can change them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This shop lists no purposes that need your consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive advertising by {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent changed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change was not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: advertising switched on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: advertising switched off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Request a correction: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop does not let you change this field yourself. Ask it to correct the value: it has to answer within the legal deadline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it came from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed value for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The correct value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for the shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: why the value is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File correction request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Requests page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your correction request was filed (request {0}). The shop has to answer by {1}; you can follow it on the Requests page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not filed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionForm</name>
    <message>
        <source>Field to correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the shop to correct or complete a piece of your profile, also one you cannot edit yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before: {0}
After:  {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the field to correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proposed value is the same as the current one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires in {0}:{1:02d}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Nothing here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to a shop to see this page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateRangeDialog</name>
    <message>
        <source>Delete a date range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day to delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day to delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To (inclusive):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every search and product view recorded on these days will be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionForm</name>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your point of view (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why you think the decision is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your point of view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for a person at the shop to review an automated decision about you, and to answer in writing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask how an automated decision about you was made: its main factors, the data used and the model version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your statement</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionsPage</name>
    <message>
        <source>Automated decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No automated decision has affected you at this shop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions the shop&apos;s systems made about you without a person deciding. You can ask how a decision was made, and ask a person to review it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a decision to see how it was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factors and their weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question this decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a human review: your point of view (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your point of view for the human review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for an explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for human review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Requests page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop&apos;s explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The full record could not be loaded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · significance: {1} · {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model version: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related order: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No related order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data it used: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The explanation could not be loaded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome: {0} ({1}, {2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main factors:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System: {0} · model version {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to contest it: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can also ask a person at the shop to review it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explanation requested on {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Human review requested on {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have not asked about this decision yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request of this kind is already open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request was filed. The shop must answer by {0}; follow it on the Requests page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request filed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was not filed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteAllDialog</name>
    <message>
        <source>Delete all search and browsing history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deletes every search and product view the shop has recorded for you, not only the ones shown. It cannot be undone. Recommendations based on your history will start from nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand that my whole history will be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete everything</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeletionForm</name>
    <message>
        <source>Delete everything in these categories:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories to delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop deletes the data and tells every partner that received it to delete it too; you will see each partner&apos;s confirmation here. Backups are cleaned at their next update, on the date the shop gives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: why (e.g. the data is no longer needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the shop to delete categories of your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ({1} records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one category to delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditFieldDialog</name>
    <message>
        <source>Edit {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New value for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoadStateStack</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Privacy Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add shop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assist a customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop and account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shop yet — add one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacting the shop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assisting customer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed in as a customer-service agent. Assist a customer to see their dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assisting customer {0} — every action is recorded in their access log. {1}:{2:02d} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End assist session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available: you will need to sign in again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes the next time the app starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy Dashboard — see and control what shops hold about you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MyDataPage</name>
    <message>
        <source>My data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop holds no data about this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account &amp;&amp; profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices you used with the shop: type, system, settings and their unique id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where you were when using the shop: from the IP address, GPS, Wi-Fi or base stations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the shop&apos;s servers logged: pages visited, searches, IP address, browser, carrier and language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every kind of personal data the shop holds about you: why, on what legal basis, for how long, and where it is stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories of data held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account and profile fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request correction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request a correction of the selected field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer number {0} · {1} · member since {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account belongs to a minor. Guardian consent: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields marked editable can be changed here (double-click the value or use Edit…). For the others, ask the shop to correct them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assisted session: fields cannot be edited, but a correction can be requested for the shopper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction request filed for {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewRequestDialog</name>
    <message>
        <source>New request: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop cannot be reached, and the request could not be kept for later: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Notices &amp; policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current privacy policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop has published no notices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · published {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {0} · {1} · {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No list of changes was published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {0}, published {1}{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>major change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ You acknowledged this version on {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ You acknowledged this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version changed what the shop does with your data. Read what changed, then acknowledge it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have not acknowledged this version yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge version {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy version {0} acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not acknowledge: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Privacy Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request update from {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} → {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request overdue at {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is overdue by {1} working days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline coming up at {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is due today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is due in {1} working days.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>any date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the order again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items of the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For someone else:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared for this order with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data was shared with partners for this order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an order to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placed {0} · {1} · total {2} · {3} item(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No orders on record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your orders. Select one to see its items, payment, delivery and who received data for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove order record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected order record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove order record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove order {0} from your account?

The delivery details (recipient, address, phone, tracking) are erased. By law the shop must keep the transaction record itself (goods, prices, payment) for a number of years; that part is hidden from your account and used for nothing else. You will see what is kept, and until when.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {0} removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order record was not removed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {0} was removed. The shop keeps nothing of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {0} was removed from your account.

Kept by law until {1}:
• Data categories: {2}
• Fields: {3}
• Legal basis: {4}
• Why: {5}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order record removed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories of data held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search and browsing records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners who received your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of them sensitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next due in {0} working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} security incident(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new version to acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PagedTable</name>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try loading {0} again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} records loaded; scroll for more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <source>Withdrawing consent stops this use from now on. It does not undo processing that already happened while your consent was in force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt {0}: “{1}” {2} at {3}, under policy version {4}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop signature: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestDetail</name>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show demo code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code sent to you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended: {0} (originally due {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your archive is ready ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the result…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to this shop to see the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision: {0} by {1} on {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significance: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main factors:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data used: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model version: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to contest: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can ask for a human review of this decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept: {0} — {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners that received the data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No partner had received this data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} corrected on {1}
Before: {2}
After:  {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer from {0} on {1}:
{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents withdrawn, with signed receipts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to this shop first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this request ({0})? The shop stops working on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the code the shop sent you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you: your identity is verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo code: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This shop sends real codes only; look for it in your messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZIP archives (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (resumed at {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {0}{1}. Checksum verified: SHA-256 {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download canceled. Start it again to continue where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss unsent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the requests the shop refused to take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to a shop to see this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} request(s) from the outbox were sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests yet. Use “New request…” to ask a shop for a copy of your data, a correction, a deletion and more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open requests. Choose “All requests” to see the finished ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request was filed: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop cannot be reached. Your request is kept in the outbox and will be sent once the shop is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) waiting to be sent</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) the shop did not accept</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SharingPage</name>
    <message>
        <source>Sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This shop lists no partners that receive your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who receives your data, which data, why, and on what legal basis. Select a partner to see each time your data was shared with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners who receive your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times your data was shared with this partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart: which data goes to which partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left: your data by category. Right: partners. Thicker lines mean more disclosures; grey lines go to partners that only get aggregated statistics; dashed lines are declared but nothing was shared yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where each category of your data is stored: country and storage provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where your data is stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it is stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} → {1}: shared {2} time(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a partner to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal basis: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First shared: {0}   Last shared: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been shared with this partner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} disclosure(s) shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInWaitDialog</name>
    <message>
        <source>Signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in your web browser to sign in to {0}. This window closes by itself when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TracksPage</name>
    <message>
        <source>My Tracks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interests and personalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search your history (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date (inclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show records of every date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search and browsing history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected records (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete range…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By month, whole history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By week, last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By day, last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches and product views over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When this is on, the shop uses your search and browsing history and your interest tags to choose the products and offers it shows you. When it is off, you see the same recommendations as everyone else; your history stays until you delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop infers these tags from what you do and uses them to place you in “crowd portraits”: groups of shoppers with similar interests. They are guesses, not something you told the shop. Removing a tag asks the shop to stop using it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No search or browsing records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load more: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} loaded, loading more…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} loaded (all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} loaded; scroll down for more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop holds no interest tags for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this record?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the {0} selected records?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a date range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every record from {0} to {1}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deletes all searches and product views of these days, including those not shown with the current filters. It cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop holds {0} records for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 record deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} records deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove interest tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the interest tag “{0}”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop will be asked to stop using this tag for your recommendations and crowd portraits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag “{0}” removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations are on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations are off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations: on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations: off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Signed in again to {0} shop(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the demo shops…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo shops could not start: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
